import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PositionRow } from '../../src/infra/ib/ib-rows.js';
import { MultiSnapshotRequests } from '../../src/infra/ib/multi-snapshot-requests.js';
import { SPXW_6000_C, SPY_600_C } from '../support/contracts.js';
import { ManualClock } from '../support/manual-clock.js';
import { captureLogger } from './support/capture-logger.js';
import { RecordedRequests } from './support/recorded-requests.js';

const TIMEOUT = 1_000;

type Outcome =
  | { readonly kind: 'completed'; readonly rows: readonly PositionRow[] }
  | { readonly kind: 'failed' | 'unsupported'; readonly reason: string };

function setup() {
  const clock = new ManualClock();
  const { logger, lines } = captureLogger();
  const sender = new RecordedRequests();
  const outcomes: Outcome[] = [];
  const requests = new MultiSnapshotRequests({ clock, timeoutMs: TIMEOUT }, logger, sender, {
    completed: (rows) => outcomes.push({ kind: 'completed', rows }),
    failed: (reason) => outcomes.push({ kind: 'failed', reason }),
    unsupported: (reason) => outcomes.push({ kind: 'unsupported', reason }),
  });
  return { clock, lines, sender, outcomes, requests };
}

function row(account: string, conId: number, quantity: number): PositionRow {
  const contract = conId === SPY_600_C.conId ? SPY_600_C : { ...SPXW_6000_C, conId };
  return { account, contract, quantity, averageCost: 100 };
}

describe('positions-multi snapshot requests', () => {
  it('asks each account under a fresh id and completes only when every request has ended, cancelling each', () => {
    const { sender, outcomes, requests, clock } = setup();
    expect(requests.start(['DU1', 'DU2', 'DU1'])).toBe(true);
    expect(sender.sent).toEqual(['reqPositionsMulti 1 DU1', 'reqPositionsMulti 2 DU2']);
    expect(requests.row(2, row('DU2', 7, -1))).toBe(true);
    expect(requests.row(1, row('DU1', SPY_600_C.conId, 2))).toBe(true);
    requests.end(1);
    expect(sender.sent.at(-1)).toBe('cancelPositionsMulti 1');
    // A push to a request that has ended is the live stream's business, not the snapshot's.
    expect(requests.row(1, row('DU1', SPY_600_C.conId, 5))).toBe(false);
    expect(outcomes).toEqual([]);
    requests.row(2, row('DU2', 7, -3));
    requests.end(2);
    expect(outcomes).toEqual([
      { kind: 'completed', rows: [row('DU2', 7, -3), row('DU1', SPY_600_C.conId, 2)] },
    ]);
    expect(sender.sent.at(-1)).toBe('cancelPositionsMulti 2');
    expect(requests.inFlight).toBe(false);
    expect(clock.pendingCount).toBe(0);

    requests.start(['DU1']);
    expect(sender.sent.at(-1)).toBe('reqPositionsMulti 3 DU1');
  });

  it('times out naming the accounts still missing, and cancels their requests', () => {
    const { sender, outcomes, requests, clock } = setup();
    requests.start(['DU1', 'DU2']);
    requests.end(2);
    clock.advance(TIMEOUT - 1);
    expect(outcomes).toEqual([]);
    clock.advance(1);
    expect(outcomes).toEqual([
      {
        kind: 'failed',
        reason: `no positionMultiEnd from TWS within ${TIMEOUT} ms for DU1: the snapshot is incomplete`,
      },
    ]);
    expect(sender.sent.slice(2)).toEqual(['cancelPositionsMulti 2', 'cancelPositionsMulti 1']);
  });

  it('fails on an error for one of its ids and cancels the others; ignores a warning', () => {
    const { sender, outcomes, requests } = setup();
    requests.start(['DU1', 'DU2']);
    expect(requests.error(1, 2109, 'a warning')).toBe(true);
    expect(outcomes).toEqual([]);
    expect(requests.error(2, 321, 'Invalid account code DU2')).toBe(true);
    expect(outcomes).toEqual([
      { kind: 'failed', reason: 'TWS refused the positions request for DU2 (321: Invalid account code DU2)' },
    ]);
    expect(sender.sent.slice(2)).toEqual(['cancelPositionsMulti 1']);
    // Its answers and errors are over now; the ids stay ours, anyone else's are not.
    expect(requests.error(1, 322, 'late')).toBe(true);
    requests.end(1);
    expect(outcomes).toHaveLength(1);
    expect(requests.error(3, 200, 'not ours')).toBe(false);
    expect(requests.error(0, 200, 'not ours')).toBe(false);
  });

  it('reports a request the login does not support, and asks no other account once refused on the spot', () => {
    const { sender, outcomes, requests } = setup();
    sender.onPositionsMulti = (reqId) => requests.error(reqId, 503, 'It does not support position requests.');
    expect(requests.start(['DU1', 'DU2'])).toBe(true);
    expect(outcomes).toEqual([
      {
        kind: 'unsupported',
        reason: 'TWS refused the positions request for DU1 (503: It does not support position requests.)',
      },
    ]);
    expect(sender.sent).toEqual(['reqPositionsMulti 1 DU1']);
    expect(requests.inFlight).toBe(false);
  });

  it('sends nothing and reports nothing when the session cannot send', () => {
    const { sender, outcomes, requests, clock } = setup();
    sender.canSend = false;
    expect(requests.start(['DU1'])).toBe(false);
    expect(requests.inFlight).toBe(false);
    expect(outcomes).toEqual([]);
    expect(clock.pendingCount).toBe(0);
  });

  it('fails on a row it cannot read for a request still answering', () => {
    const { outcomes, requests } = setup();
    requests.start(['DU1']);
    requests.unreadableRow(1, 'contract without a valid conId (0)');
    expect(outcomes).toEqual([
      {
        kind: 'failed',
        reason: 'TWS sent a position the adapter cannot read (contract without a valid conId (0))',
      },
    ]);
  });

  /**
   * Whatever arrives late, out of order or never, and whenever snapshots are given up or time
   * out: a completed snapshot holds exactly the rows its own requests received before their ends.
   */
  it('never completes a snapshot with an answer meant for another', () => {
    // Ids are picked among those issued so far, counting back from the latest: mostly the
    // snapshot in flight, sometimes one that is over.
    const back = fc.nat(4);
    const step = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('start' as const) }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('row' as const), back, conId: fc.nat(3) }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('end' as const), back }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('error' as const), back }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('abandon' as const) }), weight: 1 },
      {
        arbitrary: fc.record({
          kind: fc.constant('tick' as const),
          ms: fc.integer({ min: 1, max: TIMEOUT }),
        }),
        weight: 1,
      },
    );
    let completedOverall = 0;
    let lateEndsOverall = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { outcomes, requests, clock, sender, lines } = setup();
        // What each id's request legitimately received, and whether its end came.
        const received = new Map<number, PositionRow[]>();
        const ended = new Set<number>();
        let round: number[] = [];
        let completed = 0;
        const issued = () => sender.sent.filter((s) => s.startsWith('reqPositionsMulti')).length;
        const idOf = (back: number) => Math.max(1, issued() - back);
        for (const s of steps) {
          const before = outcomes.length;
          if (s.kind === 'start') {
            if (requests.inFlight) continue;
            const first = issued() + 1;
            requests.start(['DU1', 'DU2']);
            round = [first, first + 1];
            for (const id of round) received.set(id, []);
          } else if (s.kind === 'row') {
            const id = idOf(s.back);
            const r = row(id % 2 ? 'DU1' : 'DU2', 1000 + s.conId, id);
            // A row counts while its own request, in the snapshot in flight, has not ended.
            const counts = round.includes(id) && !ended.has(id);
            expect(requests.row(id, r)).toBe(counts);
            if (counts) received.get(id)?.push(r);
          } else if (s.kind === 'end') {
            const id = idOf(s.back);
            requests.end(id);
            if (round.includes(id)) ended.add(id);
          } else if (s.kind === 'error') {
            requests.error(idOf(s.back), 322, 'refused');
          } else if (s.kind === 'abandon') {
            requests.abandon();
          } else {
            clock.advance(s.ms);
          }
          const outcome = outcomes[before];
          if (outcome?.kind === 'completed') {
            // Only a round all of whose ends came completes, with its own rows and nothing else.
            expect(round.every((id) => ended.has(id))).toBe(true);
            const own = new Map(
              round
                .flatMap((id) => received.get(id) ?? [])
                .map((r) => [`${r.account}:${r.contract.conId}`, r]),
            );
            expect(new Set(outcome.rows)).toEqual(new Set(own.values()));
            completed++;
          }
          if (!requests.inFlight) round = [];
        }
        expect(outcomes.filter((o) => o.kind === 'completed')).toHaveLength(completed);
        completedOverall += completed;
        lateEndsOverall += lines.filter((l) => l.msg.startsWith('ignored the end')).length;
      }),
    );
    // The runs did reach what the property is about: snapshots completing, and ends arriving late.
    expect(completedOverall).toBeGreaterThan(0);
    expect(lateEndsOverall).toBeGreaterThan(0);
  });
});
