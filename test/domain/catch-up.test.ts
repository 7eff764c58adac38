import { describe, expect, it } from 'vitest';
import { type CatchUp, compareStartingList, type StartingList } from '../../src/domain/catch-up.js';
import type { Contract } from '../../src/domain/contract.js';
import { applyCatchUps, applyDetected } from '../../src/domain/discrepancy-lifecycle.js';
import type { FeedItem } from '../../src/domain/feed-item.js';
import type { Position } from '../../src/domain/position.js';
import type { PositionUpdate } from '../../src/domain/position-update.js';
import { DEFAULT_TOLERANCE } from '../../src/domain/quantity-tolerance.js';
import type { ReconcileRules } from '../../src/domain/reconcile.js';
import { FeedIngest } from '../../src/domain/reconciliation/feed-ingest.js';
import { parseSecurityTypes } from '../../src/domain/security-type-filter.js';
import { AAPL_230_P, held, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../support/contracts.js';

const AT = new Date('2026-11-25T15:07:00Z');
const A = 'DU111111';
const B = 'DU222222';
const rules: ReconcileRules = {
  securityTypes: parseSecurityTypes('OPT'),
  tolerance: DEFAULT_TOLERANCE,
  staleAfterMs: 60_000,
  quietWindowMs: 5_000,
};

let sequence = 0;
function row(account: string, contract: Contract, quantity: number, at = AT): PositionUpdate {
  sequence += 1;
  return {
    account,
    conId: contract.conId,
    contract,
    quantity,
    source: 'SNAPSHOT',
    brokerTime: at,
    sequence,
    idempotencyKey: `k-${sequence}`,
  };
}

const list = (rows: PositionUpdate[], cause: StartingList['cause'] = 'reconnect'): StartingList => ({
  cause,
  receivedAt: AT,
  rows,
});

describe('comparing a starting list with the store as it was', () => {
  const book: Position[] = [
    held(A, SPY_600_C, 2, '2026-11-25T14:58:00Z'),
    held(A, SPY_550_P, -4),
    held(A, AAPL_230_P, 3),
    held(A, SPXW_6000_C, 0, '2026-11-25T14:00:00Z'),
  ];

  it('reports each key it changes, by the rules of a run, with the note and the interval', () => {
    const c = compareStartingList(
      list([row(A, SPY_600_C, 3), row(A, SPY_550_P, 4), row(A, SPXW_6000_C, 1)]),
      book,
      rules,
    );
    expect(c.changed.map((k) => [k.conId, k.type, k.severity, k.storeQuantity, k.brokerQuantity])).toEqual([
      [SPY_600_C.conId, 'POSITION_MISMATCH', 'WARNING', 2, 3],
      [SPY_550_P.conId, 'POSITION_MISMATCH', 'CRITICAL', -4, 4],
      [SPXW_6000_C.conId, 'MISSING_FROM_STORE', 'WARNING', null, 1],
    ]);
    const spy = c.changed.find((k) => k.conId === SPY_600_C.conId)!;
    expect(spy.note).toBe(
      'caught up after reconnect at 2026-11-25 15:07:00 UTC: the store had 2 since 2026-11-25 14:58:00 UTC, the broker 3 (SPY 2026-12-18 600 C in DU111111)',
    );
    expect([spy.storeUpdatedAt, spy.caughtUpAt]).toEqual([new Date('2026-11-25T14:58:00Z'), AT]);
    // A closed row is still the store's state: "since" when it was closed.
    const spx = c.changed.find((k) => k.conId === SPXW_6000_C.conId)!;
    expect(spx.storeUpdatedAt).toEqual(new Date('2026-11-25T14:00:00Z'));
    expect(spx.note).toMatch(/the store had 0 since 2026-11-25 14:00:00 UTC, the broker 1/);
  });

  it('leaves keys the list does not hold alone; a row of 0 for a held key is the naked kind', () => {
    const c = compareStartingList(list([row(A, SPY_600_C, 2), row(A, SPY_550_P, 0)]), book, rules);
    expect(c.changed.map((k) => [k.conId, k.type])).toEqual([[SPY_550_P.conId, 'NAKED_POSITION']]);
    expect(c.changed[0]?.note).toMatch(/the store had -4 since .*, the broker 0/);
  });

  it('an account the store holds nothing for is loaded, not compared; agreement is no catch-up', () => {
    const c = compareStartingList(
      list([row(A, SPY_600_C, 2), row(B, SPY_600_C, 7), row(B, AAPL_230_P, 1)], 'start'),
      book,
      rules,
    );
    expect(c).toMatchObject({
      changed: [],
      loadedCount: 2,
      loadedAccounts: [B],
      rowCount: 3,
      cause: 'start',
    });
    const fresh = compareStartingList(list([row(A, SPY_600_C, 2)]), [], rules);
    expect(fresh).toMatchObject({ changed: [], loadedCount: 1 });
  });
});

describe('recording catch-ups', () => {
  const ids = () => {
    let n = 0;
    return () => `d-${++n}`;
  };

  it('each key is opened and resolved at once; an active discrepancy of that key and type is resolved instead', () => {
    const book = [held(A, SPY_600_C, 2), held(A, SPY_550_P, -4)];
    const before = applyDetected(
      [],
      compareStartingList(list([row(A, SPY_600_C, 5)]), book, rules).changed,
      [],
      AT,
      () => 'known',
    ).changed;
    const c = compareStartingList(list([row(A, SPY_600_C, 3), row(A, SPY_550_P, -2)]), book, rules);
    const t = applyCatchUps(before, c.changed, AT, ids());
    expect(t.events.map((e) => [e.kind, e.discrepancy.id, e.discrepancy.status])).toEqual([
      ['RESOLVED', 'known', 'RESOLVED'],
      ['OPENED', 'd-1', 'OPEN'],
      ['RESOLVED', 'd-1', 'RESOLVED'],
    ]);
    expect(t.changed.map((i) => [i.id, i.status, i.caughtUpAt, i.note?.slice(0, 18)])).toEqual([
      ['known', 'RESOLVED', AT, 'caught up after re'],
      ['d-1', 'RESOLVED', AT, 'caught up after re'],
    ]);
    expect(t.changed.find((i) => i.id === 'known')?.brokerQuantity).toBe(3);
  });
});

describe('the ordered ingest step', () => {
  function ingest(book: Position[]) {
    const stored: PositionUpdate[] = [];
    const handed: Promise<CatchUp>[] = [];
    let next = 1000;
    let releaseBook: () => void = () => undefined;
    const bookRead = new Promise<void>((resolve) => {
      releaseBook = resolve;
    });
    const step = new FeedIngest({
      currentBook: async () => {
        await bookRead;
        return book;
      },
      enqueue: (u) => {
        stored.push(u);
      },
      nextSequence: () => ++next,
      caughtUp: (c) => handed.push(c),
      rules,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    return { step, stored, handed, releaseBook };
  }

  it('a starting list is compared with the store before it is stored; what came after waits behind it', async () => {
    const h = ingest([held(A, SPY_600_C, 2)]);
    const live = row(A, SPY_550_P, 1);
    h.step.accept({ kind: 'update', update: row(A, AAPL_230_P, 3) });
    h.step.accept({ kind: 'starting-list', list: list([row(A, SPY_600_C, 5)]) } satisfies FeedItem);
    h.step.accept({ kind: 'update', update: live });
    // Handed over at once: the run that follows the session event waits for it.
    expect(h.handed).toHaveLength(1);
    expect(h.stored.map((u) => u.conId)).toEqual([AAPL_230_P.conId]);
    h.releaseBook();
    await h.step.settled();
    const caughtUp = await h.handed[0]!;
    expect(caughtUp.changed.map((k) => [k.storeQuantity, k.brokerQuantity])).toEqual([[2, 5]]);
    expect(h.stored.map((u) => [u.conId, u.quantity])).toEqual([
      [AAPL_230_P.conId, 3],
      [SPY_600_C.conId, 5],
      [SPY_550_P.conId, 1],
    ]);
    // Rows that waited take new sequences in the order they are stored.
    expect(h.stored.slice(1).map((u) => u.sequence)).toEqual([1001, 1002]);
    expect(h.stored[2]?.idempotencyKey).toBe(live.idempotencyKey);
  });
});
