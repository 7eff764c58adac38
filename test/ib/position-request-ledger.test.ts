import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PositionRequestLedger } from '../../src/infra/ib/position-request-ledger.js';

const t0 = new Date('2026-11-25T15:00:00Z');

describe('position request ledger', () => {
  it('gives rows to the oldest outstanding request and each positionEnd to it, in order', () => {
    const ledger = new PositionRequestLedger<string>();
    expect(ledger.answering).toBeUndefined();
    const feed = ledger.issue('feed', t0);
    const snapshot = ledger.issue('snapshot', t0);
    expect(ledger.answering).toBe(feed);
    expect(ledger.answer()).toBe(feed);
    expect(ledger.answering).toBe(snapshot);
    expect(ledger.isOutstanding(feed)).toBe(false);
    expect(ledger.answer()).toBe(snapshot);
    expect(ledger.answer()).toBeUndefined();
    expect(ledger.outstanding).toBe(0);
  });

  it('forgets everything outstanding when the connection goes', () => {
    const ledger = new PositionRequestLedger<string>();
    const a = ledger.issue('feed', t0);
    expect(ledger.clear()).toEqual([a]);
    expect(ledger.answering).toBeUndefined();
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
          const ledger = new PositionRequestLedger<string>();
          const completed: Set<string>[] = [];
          const receive = (key: string) => ledger.answering?.rows.set(key, key);
          for (const { withheld, liveRowsBefore } of requests) {
            for (let i = 0; i < liveRowsBefore; i++) receive(book[i % book.length]!);
            ledger.issue('snapshot', t0);
            for (const key of book) receive(key);
            if (!withheld) {
              const done = ledger.answer();
              if (done) completed.push(new Set(done.rows.keys()));
            }
          }
          for (const rows of completed) expect([...rows].sort()).toEqual([...book].sort());
        },
      ),
    );
  });
});
