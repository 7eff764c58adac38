import { describe, expect, it } from 'vitest';
import type { BrokerPosition, BrokerView } from '../../src/domain/broker-view.js';
import type { Contract } from '../../src/domain/contract.js';
import { keyId, type Position } from '../../src/domain/position.js';
import { DEFAULT_TOLERANCE } from '../../src/domain/quantity-tolerance.js';
import { type ReconcileInput, type ReconcileRules, reconcile } from '../../src/domain/reconcile.js';
import { parseSecurityTypes } from '../../src/domain/security-type-filter.js';
import {
  AAPL_230_P,
  held,
  NVDA_STOCK,
  option,
  QQQ_EXPIRED_C,
  SPXW_6000_C,
  SPY_550_P,
  SPY_600_C,
} from '../support/contracts.js';

const NOW = new Date('2026-11-25T15:00:00Z'); // 10:00 in New York
const ACCOUNT = 'DU111111';
const OTHER = 'DU222222';

const rules: ReconcileRules = {
  securityTypes: parseSecurityTypes('OPT'),
  tolerance: DEFAULT_TOLERANCE,
  staleAfterMs: 15 * 60_000,
  quietWindowMs: 5_000,
};

function brokerRow(account: string, contract: Contract, quantity: number): BrokerPosition {
  return { account, conId: contract.conId, contract, quantity, averageCost: 512.34 };
}

function completeSnapshot(positions: BrokerPosition[], startedAt = NOW): BrokerView {
  return { complete: true, startedAt, completedAt: new Date(startedAt.getTime() + 120), positions };
}

function run(
  broker: BrokerPosition[],
  store: Position[],
  extra: Partial<ReconcileInput> = {},
  ruleChanges: Partial<ReconcileRules> = {},
) {
  return reconcile(
    { broker: completeSnapshot(broker), store, now: NOW, streamActivity: new Map(), ...extra },
    { ...rules, ...ruleChanges },
  );
}

describe('reconcile: the rules of docs/reconciliation-rules.md', () => {
  it('agreeing books are CLEAN', () => {
    const out = run(
      [brokerRow(ACCOUNT, SPY_600_C, 2), brokerRow(ACCOUNT, SPY_550_P, -3)],
      [held(ACCOUNT, SPY_600_C, 2), held(ACCOUNT, SPY_550_P, -3)],
    );
    expect(out.status).toBe('CLEAN');
    expect(out.detected).toEqual([]);
    expect(out.summary).toBe('Broker: 2, Store: 2, Discrepancies: 0 (0 critical)');
  });

  it('key: the same conId held in two accounts is two positions, compared per account', () => {
    const out = run(
      [brokerRow(ACCOUNT, SPY_600_C, 2), brokerRow(OTHER, SPY_600_C, 5)],
      [held(ACCOUNT, SPY_600_C, 2)],
    );
    expect(out.detected).toHaveLength(1);
    expect(out.detected[0]).toMatchObject({
      type: 'MISSING_FROM_STORE',
      account: OTHER,
      conId: SPY_600_C.conId,
    });
  });

  it('MISSING_FROM_STORE: the broker holds a key the store has no open position for (WARNING)', () => {
    const out = run([brokerRow(ACCOUNT, SPXW_6000_C, 4)], []);
    expect(out.detected).toEqual([
      expect.objectContaining({
        type: 'MISSING_FROM_STORE',
        severity: 'WARNING',
        brokerQuantity: 4,
        storeQuantity: null,
        difference: 4,
        storeUpdatedAt: null,
        message: 'Broker holds 4 SPX 2026-12-04 6000 C in DU111111; the store has no open position',
      }),
    ]);
    expect(out.status).toBe('DISCREPANCIES');
  });

  it('NAKED_POSITION: the store holds a key open that the broker does not (CRITICAL)', () => {
    const row = held(ACCOUNT, AAPL_230_P, -2);
    const out = run([], [row]);
    expect(out.detected).toEqual([
      expect.objectContaining({
        type: 'NAKED_POSITION',
        severity: 'CRITICAL',
        brokerQuantity: null,
        storeQuantity: -2,
        difference: 2,
        storeUpdatedAt: row.updatedAt,
      }),
    ]);
    expect(out.hasCriticalIssues).toBe(true);
  });

  it('POSITION_MISMATCH: quantities on the same side that differ are a WARNING with broker minus store', () => {
    const out = run([brokerRow(ACCOUNT, SPY_600_C, 5)], [held(ACCOUNT, SPY_600_C, 3)]);
    expect(out.detected).toEqual([
      expect.objectContaining({
        type: 'POSITION_MISMATCH',
        severity: 'WARNING',
        brokerQuantity: 5,
        storeQuantity: 3,
        difference: 2,
      }),
    ]);
    expect(out.hasCriticalIssues).toBe(false);
  });

  it('POSITION_MISMATCH with a sign flip (long in the store, short at the broker) is CRITICAL', () => {
    const out = run([brokerRow(ACCOUNT, SPY_550_P, -3)], [held(ACCOUNT, SPY_550_P, 3)]);
    expect(out.detected[0]).toMatchObject({
      type: 'POSITION_MISMATCH',
      severity: 'CRITICAL',
      difference: -6,
    });
    expect(out.detected[0]?.message).toContain('long and short reversed');
  });

  it('zero means closed: a stored row with quantity 0 is not held, so the broker not holding it is fine', () => {
    const out = run([], [held(ACCOUNT, SPY_600_C, 0)]);
    expect(out.status).toBe('CLEAN');
    expect(out.storePositionCount).toBe(0);
  });

  it('zero means closed: a broker row with quantity 0 (closed today) is not held', () => {
    const closedToday = run([brokerRow(ACCOUNT, SPY_600_C, 0)], []);
    expect(closedToday.status).toBe('CLEAN');
    expect(closedToday.brokerPositionCount).toBe(0);
    const naked = run([brokerRow(ACCOUNT, SPY_600_C, 0)], [held(ACCOUNT, SPY_600_C, 1)]);
    expect(naked.detected[0]?.type).toBe('NAKED_POSITION');
  });

  it('security-type filter: untracked types are ignored on both sides', () => {
    const out = run(
      [brokerRow(ACCOUNT, NVDA_STOCK, 100)],
      [held(ACCOUNT, { ...NVDA_STOCK, conId: 265598 }, 50)],
    );
    expect(out.status).toBe('CLEAN');
    expect(out.summary).toBe('Broker: 0, Store: 0, Discrepancies: 0 (0 critical)');
  });

  it('security-type filter: ALL tracks every type', () => {
    const out = run(
      [brokerRow(ACCOUNT, NVDA_STOCK, 100)],
      [],
      {},
      { securityTypes: parseSecurityTypes('ALL') },
    );
    expect(out.detected.map((f) => f.type)).toEqual(['MISSING_FROM_STORE']);
  });

  it('absolute tolerance: differences within it agree, beyond it mismatch', () => {
    const tolerance = { absolute: 0.01, relative: 0 };
    expect(
      run([brokerRow(ACCOUNT, SPY_600_C, 1.005)], [held(ACCOUNT, SPY_600_C, 1)], {}, { tolerance }).status,
    ).toBe('CLEAN');
    expect(
      run([brokerRow(ACCOUNT, SPY_600_C, 1.02)], [held(ACCOUNT, SPY_600_C, 1)], {}, { tolerance }).status,
    ).toBe('DISCREPANCIES');
  });

  it('relative tolerance: differences within a fraction of the larger quantity agree', () => {
    const tolerance = { absolute: 0, relative: 0.01 };
    expect(
      run([brokerRow(ACCOUNT, SPY_600_C, 1000)], [held(ACCOUNT, SPY_600_C, 995)], {}, { tolerance }).status,
    ).toBe('CLEAN');
    expect(
      run([brokerRow(ACCOUNT, SPY_600_C, 1000)], [held(ACCOUNT, SPY_600_C, 980)], {}, { tolerance }).status,
    ).toBe('DISCREPANCIES');
  });

  it('default tolerance: fractional shares are compared exactly up to float noise', () => {
    expect(run([brokerRow(ACCOUNT, SPY_600_C, 0.1 + 0.2)], [held(ACCOUNT, SPY_600_C, 0.3)]).status).toBe(
      'CLEAN',
    );
    expect(run([brokerRow(ACCOUNT, SPY_600_C, 0.5)], [held(ACCOUNT, SPY_600_C, 0.25)]).status).toBe(
      'DISCREPANCIES',
    );
  });

  it('expired options are explained, not NAKED: closed as EXPIRY when the broker dropped them', () => {
    const row = held(ACCOUNT, QQQ_EXPIRED_C, 2, '2026-11-20T15:00:00Z');
    const out = run([], [row]);
    expect(out.detected).toEqual([]);
    expect(out.expired).toEqual([row]);
    expect(out.status).toBe('CLEAN');
  });

  it('expired options: an option expiring today is still NAKED before the 16:00 New York close', () => {
    const today = option(700040, 'SPY', '20261125', 590, 'PUT');
    const before = run([], [held(ACCOUNT, today, 1)], { now: new Date('2026-11-25T20:59:00Z') });
    expect(before.detected.map((f) => f.type)).toEqual(['NAKED_POSITION']);
    const after = run([], [held(ACCOUNT, today, 1)], { now: new Date('2026-11-25T21:00:00Z') });
    expect(after.detected).toEqual([]);
    expect(after.expired).toHaveLength(1);
  });

  it('expired options the broker still reports are compared like any other', () => {
    const out = run([brokerRow(ACCOUNT, QQQ_EXPIRED_C, 1)], [held(ACCOUNT, QQQ_EXPIRED_C, 2)]);
    expect(out.detected.map((f) => f.type)).toEqual(['POSITION_MISMATCH']);
    expect(out.expired).toEqual([]);
  });

  it('STALE_DATA: an agreeing key in the portfolio account not updated for longer than staleAfter (INFO)', () => {
    const old = held(ACCOUNT, SPY_600_C, 2, '2026-11-25T14:40:00Z');
    const out = run([brokerRow(ACCOUNT, SPY_600_C, 2)], [old], { portfolioAccount: ACCOUNT });
    expect(out.detected).toEqual([
      expect.objectContaining({
        type: 'STALE_DATA',
        severity: 'INFO',
        difference: 0,
        storeUpdatedAt: old.updatedAt,
      }),
    ]);
  });

  it('STALE_DATA: not reported within staleAfter, nor for accounts without a refreshing feed', () => {
    const recent = held(ACCOUNT, SPY_600_C, 2, '2026-11-25T14:46:00Z');
    expect(run([brokerRow(ACCOUNT, SPY_600_C, 2)], [recent], { portfolioAccount: ACCOUNT }).status).toBe(
      'CLEAN',
    );
    const old = held(OTHER, SPY_600_C, 2, '2026-11-24T14:00:00Z');
    expect(run([brokerRow(OTHER, SPY_600_C, 2)], [old], { portfolioAccount: ACCOUNT }).status).toBe('CLEAN');
  });

  it('quiet window: a key that moved on the stream within it is deferred, not reported', () => {
    const activity = new Map([
      [keyId({ account: ACCOUNT, conId: SPY_600_C.conId }), new Date(NOW.getTime() - 2_000)],
    ]);
    const out = run([brokerRow(ACCOUNT, SPY_600_C, 3)], [held(ACCOUNT, SPY_600_C, 2)], {
      streamActivity: activity,
    });
    expect(out.detected).toEqual([]);
    expect(out.deferred).toEqual([{ account: ACCOUNT, conId: SPY_600_C.conId }]);
  });

  it('quiet window: a trade that lands after the snapshot started is deferred too', () => {
    const activity = new Map([
      [keyId({ account: ACCOUNT, conId: SPY_600_C.conId }), new Date(NOW.getTime() + 50)],
    ]);
    const out = run([], [held(ACCOUNT, SPY_600_C, 2)], { streamActivity: activity });
    expect(out.detected).toEqual([]);
  });

  it('quiet window: stream activity older than the window does not defer', () => {
    const activity = new Map([
      [keyId({ account: ACCOUNT, conId: SPY_600_C.conId }), new Date(NOW.getTime() - 6_000)],
    ]);
    const out = run([brokerRow(ACCOUNT, SPY_600_C, 3)], [held(ACCOUNT, SPY_600_C, 2)], {
      streamActivity: activity,
    });
    expect(out.detected.map((f) => f.type)).toEqual(['POSITION_MISMATCH']);
    expect(out.deferred).toEqual([]);
  });

  it('incomplete snapshot: the broker is unavailable and no discrepancy is reported at all', () => {
    const out = reconcile(
      {
        broker: { complete: false, reason: 'no positionEnd within 30000 ms' },
        store: [held(ACCOUNT, SPY_600_C, 2), held(ACCOUNT, AAPL_230_P, -1)],
        now: NOW,
        streamActivity: new Map(),
      },
      rules,
    );
    expect(out.status).toBe('BROKER_UNAVAILABLE');
    expect(out.detected).toEqual([]);
    expect(out.expired).toEqual([]);
    expect(out.hasCriticalIssues).toBe(false);
    expect(out.summary).toBe(
      'Broker: unavailable (no positionEnd within 30000 ms), Store: 2, no discrepancies reported',
    );
  });

  it('summary: the summary line, hasCriticalIssues and counts per kind', () => {
    const contracts = Array.from({ length: 12 }, (_, i) =>
      option(800000 + i, 'SPY', '20261218', 560 + i * 5, 'CALL'),
    );
    const broker = contracts.map((c, i) => brokerRow(ACCOUNT, c, i === 5 ? -1 : 1));
    // The store lacks the first broker position and is long where the broker is short.
    const store = contracts.slice(1).map((c) => held(ACCOUNT, c, 1));
    const out = run(broker, store);
    expect(out.summary).toBe('Broker: 12, Store: 11, Discrepancies: 2 (1 critical)');
    expect(out.hasCriticalIssues).toBe(true);
    expect(out.criticalCount).toBe(1);
    expect(out.countsByType).toEqual([
      { type: 'MISSING_FROM_STORE', count: 1 },
      { type: 'NAKED_POSITION', count: 0 },
      { type: 'POSITION_MISMATCH', count: 1 },
      { type: 'STALE_DATA', count: 0 },
    ]);
  });
});
