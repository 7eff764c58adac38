import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PositionRequest, PositionRequestLedger } from '../../src/infra/ib/position-request-ledger.js';
import { ManualClock } from '../support/manual-clock.js';

function ledger(clock = new ManualClock(), overdue: PositionRequest<string>[] = []) {
  return new PositionRequestLedger<string>({ clock, deadlineMs: 1_000, overdue: (r) => overdue.push(r) });
}

describe('position request ledger', () => {
  it('gives rows to the oldest outstanding request and each positionEnd to it, in order', () => {
    const l = ledger();
    expect(l.answering).toBeUndefined();
    const feed = l.issue('feed');
    const snapshot = l.issue('snapshot');
    expect(l.answering).toBe(feed);
    expect(l.answer()).toBe(feed);
    expect(l.answering).toBe(snapshot);
    expect(l.answer()).toBe(snapshot);
    expect(l.answer()).toBeUndefined();
    expect(l.outstanding).toBe(0);
  });

  it('reports a request still unanswered at its deadline, and only that one', () => {
    const clock = new ManualClock();
    const overdue: PositionRequest<string>[] = [];
    const l = ledger(clock, overdue);
    const answered = l.issue('feed');
    clock.advance(500);
    const late = l.issue('snapshot');
    expect(l.answer()).toBe(answered);
    clock.advance(999);
    expect(overdue).toEqual([]);
    clock.advance(1);
    expect(overdue).toEqual([late]);
    // Still outstanding: its positionEnd may yet come and must not answer another request.
    expect(l.answering).toBe(late);
  });

  it('forgets everything outstanding, deadlines included, when the connection goes', () => {
    const clock = new ManualClock();
    const overdue: PositionRequest<string>[] = [];
    const l = ledger(clock, overdue);
    const a = l.issue('feed');
    expect(l.clear()).toEqual([a]);
    expect(l.answering).toBeUndefined();
    expect(clock.pendingCount).toBe(0);
    clock.advance(5_000);
    expect(overdue).toEqual([]);
  });

  /**
   * TWS answers every reqPositions with the whole list then positionEnd, in the order asked, but
   * may withhold some positionEnds. Whatever happens, a request the ledger completes has received
   * every row of a whole list: it never completes short.
   */
  it('never completes a request with rows missing, whichever positionEnds are withheld', () => {
    const book = ['DU1:1', 'DU1:2', 'DU2:3'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ withheld: fc.boolean(), liveRowsBefore: fc.nat(3) }), { maxLength: 12 }),
        (requests) => {
          const l = ledger();
          const completed: Set<string>[] = [];
          const receive = (key: string) => l.answering?.rows.set(key, key);
          for (const { withheld, liveRowsBefore } of requests) {
            for (let i = 0; i < liveRowsBefore; i++) receive(book[i % book.length]!);
            l.issue('snapshot');
            for (const key of book) receive(key);
            if (!withheld) {
              const done = l.answer();
              if (done) completed.push(new Set(done.rows.keys()));
            }
          }
          for (const rows of completed) expect([...rows].sort()).toEqual([...book].sort());
        },
      ),
    );
  });
});
