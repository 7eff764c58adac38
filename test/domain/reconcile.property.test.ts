import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BrokerPosition } from '../../src/domain/broker-view.js';
import type { Contract } from '../../src/domain/contract.js';
import { applyDetected } from '../../src/domain/discrepancy-lifecycle.js';
import { keyId, type Position } from '../../src/domain/position.js';
import { type ReconcileRules, reconcile } from '../../src/domain/reconcile.js';
import { parseSecurityTypes } from '../../src/domain/security-type-filter.js';
import { option, stock } from '../support/contracts.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const ACCOUNTS = ['DU111111', 'DU222222', 'U3333333'];

const contractArb: fc.Arbitrary<Contract> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        conId: fc.integer({ min: 1, max: 5_000_000 }),
        symbol: fc.constantFrom('SPY', 'QQQ', 'AAPL', 'NVDA', 'SPX', 'IWM'),
        expiry: fc.constantFrom('20261120', '20261125', '20261204', '20261218', '20270115', '20270618'),
        strike: fc.integer({ min: 10, max: 1200 }).map((s) => s * 5),
        right: fc.constantFrom('CALL' as const, 'PUT' as const),
      })
      .map((c) => option(c.conId, c.symbol, c.expiry, c.strike, c.right)),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ conId: fc.integer({ min: 1, max: 5_000_000 }), symbol: fc.constantFrom('NVDA', 'AAPL') })
      .map((c) => stock(c.conId, c.symbol)),
  },
);

const quantityArb = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -400, max: 400 }).map((n) => n / 4),
);

interface Row {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly ageMs: number;
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  contract: contractArb,
  quantity: quantityArb,
  ageMs: fc.integer({ min: 0, max: 3_600_000 }),
});

/** Rows with distinct (account, conId) keys. */
const bookArb = fc.uniqueArray(rowArb, {
  selector: (r) => `${r.account}:${r.contract.conId}`,
  maxLength: 25,
});

const rulesArb: fc.Arbitrary<ReconcileRules> = fc.record({
  securityTypes: fc.constantFrom('OPT', 'ALL', 'STK,OPT').map(parseSecurityTypes),
  tolerance: fc.record({ absolute: fc.constantFrom(0, 1e-9, 0.5), relative: fc.constantFrom(0, 0.01, 0.2) }),
  staleAfterMs: fc.constantFrom(60_000, 900_000),
  quietWindowMs: fc.constantFrom(0, 5_000),
});

function toStore(rows: readonly Row[]): Position[] {
  return rows.map((r) => ({
    account: r.account,
    conId: r.contract.conId,
    contract: r.contract,
    quantity: r.quantity,
    updatedAt: new Date(NOW.getTime() - r.ageMs),
    source: 'STREAM',
  }));
}

function toBroker(rows: readonly Row[]): BrokerPosition[] {
  return rows.map((r) => ({
    account: r.account,
    conId: r.contract.conId,
    contract: r.contract,
    quantity: r.quantity,
  }));
}

function input(broker: readonly Row[], store: readonly Row[], portfolioAccount?: string) {
  return {
    broker: { complete: true as const, startedAt: NOW, completedAt: NOW, positions: toBroker(broker) },
    store: toStore(store),
    now: NOW,
    streamActivity: new Map<string, Date>(),
    portfolioAccount,
  };
}

const rowKey = (r: Row) => `${r.account}:${r.contract.conId}`;

describe('reconcile: properties', () => {
  it('reconciling a book with itself finds nothing', () => {
    fc.assert(
      fc.property(bookArb, rulesArb, (book, rules) => {
        const out = reconcile(input(book, book), rules);
        expect(out.detected).toEqual([]);
        expect(out.expired).toEqual([]);
        expect(out.status).toBe('CLEAN');
      }),
    );
  });

  it('every key present on one side only yields exactly one discrepancy (or, for an expired option, one EXPIRY close)', () => {
    fc.assert(
      fc.property(
        bookArb,
        fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        rulesArb,
        (book, sides, rules) => {
          const tracked = book.filter(
            (r) => r.quantity !== 0 && rules.securityTypes.matches(r.contract.secType),
          );
          const brokerOnly = tracked.filter((_, i) => sides[i]);
          const storeOnly = tracked.filter((_, i) => !sides[i]);
          const out = reconcile(input(brokerOnly, storeOnly), rules);
          for (const row of tracked) {
            const detected = out.detected.filter((f) => keyId(f) === rowKey(row));
            const expired = out.expired.filter((p) => keyId(p) === rowKey(row));
            expect(detected.length + expired.length).toBe(1);
          }
          expect(out.detected.length + out.expired.length).toBe(tracked.length);
        },
      ),
    );
  });

  it('the result does not depend on input order', () => {
    fc.assert(
      fc.property(bookArb, bookArb, rulesArb, fc.integer(), (broker, store, rules, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const a = reconcile(input(broker, store, ACCOUNTS[0]), rules);
        const b = reconcile(input(shuffle(broker), shuffle(store), ACCOUNTS[0]), rules);
        expect(b).toEqual(a);
      }),
    );
  });

  it('widening a tolerance never adds a discrepancy', () => {
    fc.assert(
      fc.property(
        bookArb,
        bookArb,
        rulesArb,
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (broker, store, rules, extraAbs, extraRel) => {
          // Share some keys so that quantities meet the tolerance.
          const shared = store.map((r, i) =>
            broker[i] ? { ...r, contract: broker[i].contract, account: broker[i].account } : r,
          );
          const unique = [...new Map(shared.map((r) => [rowKey(r), r])).values()];
          const narrow = reconcile(input(broker, unique), rules);
          const wide = reconcile(input(broker, unique), {
            ...rules,
            tolerance: {
              absolute: rules.tolerance.absolute + extraAbs,
              relative: rules.tolerance.relative + extraRel,
            },
          });
          expect(wide.detected.length).toBeLessThanOrEqual(narrow.detected.length);
          const narrowKeys = new Set(narrow.detected.map(keyId));
          for (const f of wide.detected) expect(narrowKeys.has(keyId(f))).toBe(true);
        },
      ),
    );
  });

  it('applying the same detected twice to the lifecycle emits no new events', () => {
    fc.assert(
      fc.property(
        bookArb,
        bookArb,
        rulesArb,
        fc.integer({ min: 0, max: 600_000 }),
        (broker, store, rules, laterMs) => {
          const out = reconcile(input(broker, store, ACCOUNTS[0]), rules);
          let n = 0;
          const newId = () => `discrepancy-${++n}`;
          const first = applyDetected([], out.detected, out.deferred, NOW, newId);
          expect(first.events.filter((e) => e.kind === 'OPENED')).toHaveLength(out.detected.length);
          const again = applyDetected(
            first.changed,
            out.detected,
            out.deferred,
            new Date(NOW.getTime() + laterMs),
            newId,
          );
          expect(again.events).toEqual([]);
        },
      ),
    );
  });
});
