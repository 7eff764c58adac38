import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EndMarker,
  type PendingRequest,
  RequestRegistry,
} from '../../../src/infra/ib/request-registry.js';
import { ManualClock } from '../../support/manual-clock.js';

const IN_ORDER: EndMarker<string> = { name: 'positionEnd', byId: false };
const BY_ID: EndMarker<string> = { name: 'positionMultiEnd', byId: true };
const OTHER_BY_ID: EndMarker<number> = { name: 'execDetailsEnd', byId: true };
const DEADLINE = 1_000;

function setup() {
  const clock = new ManualClock();
  const registry = new RequestRegistry(clock);
  const overdue: PendingRequest<unknown>[] = [];
  const start = <Row>(end: EndMarker<Row>, subject = 'DU1') =>
    registry.start(end, subject, DEADLINE, (r) => overdue.push(r));
  return { clock, registry, overdue, start };
}

describe('request registry', () => {
  it('gives each request with an id a fresh one, for every kind, and finds it by id and end marker', () => {
    const { registry, start } = setup();
    const a = start(BY_ID, 'DU1');
    const b = start(BY_ID, 'DU2');
    const c = start(OTHER_BY_ID, 'DU1');
    expect([a.id, b.id, c.id]).toEqual([1, 2, 3]);
    expect(registry.get(BY_ID, 2)).toBe(b);
    // An answer of another kind under the same id belongs to nothing.
    expect(registry.get(OTHER_BY_ID, 1)).toBeUndefined();
    expect(registry.get(OTHER_BY_ID, 3)).toBe(c);
    a.rows.set('DU1:7', 'row');
    expect(registry.get(BY_ID, 1)?.rows).toEqual(new Map([['DU1:7', 'row']]));
  });

  it('ignores what arrives for a request once it has ended or failed, and tells its ids from unknown ones', () => {
    const { registry, start } = setup();
    const ended = start(BY_ID);
    const failed = start(BY_ID);
    expect(registry.end(ended)).toBe(true);
    expect(registry.fail(failed)).toBe(true);
    // A late end, a second end: nothing pending any more, so nothing is answered twice.
    expect(registry.get(BY_ID, ended.id)).toBeUndefined();
    expect(registry.end(ended)).toBe(false);
    expect(registry.fail(failed)).toBe(false);
    expect(registry.isPending(failed)).toBe(false);
    // The ids stay ours (an error for them is about a request that is over); others are not.
    expect([registry.issued(1), registry.issued(2)]).toEqual([true, true]);
    expect([registry.issued(0), registry.issued(-1), registry.issued(3)]).toEqual([false, false, false]);
    // Ids only grow: a later request never takes the id of one that is over.
    expect(start(BY_ID).id).toBe(3);
  });

  it('gives rows and end markers without an id to the oldest request waiting for that marker, in order', () => {
    const { registry, start } = setup();
    expect(registry.oldest(IN_ORDER)).toBeUndefined();
    const feed = start(IN_ORDER, 'feed');
    const byId = start(BY_ID);
    const snapshot = start(IN_ORDER, 'snapshot');
    expect(registry.oldest(IN_ORDER)).toBe(feed);
    expect(registry.end(feed)).toBe(true);
    expect(registry.oldest(IN_ORDER)).toBe(snapshot);
    expect(registry.end(snapshot)).toBe(true);
    expect(registry.oldest(IN_ORDER)).toBeUndefined();
    expect(registry.isPending(byId)).toBe(true);
    // Their numbers are their own: they take no id TWS answers under.
    expect(start(BY_ID).id).toBe(2);
  });

  it('reports a request still pending at its deadline, only that one, and keeps it pending', () => {
    const { clock, registry, overdue, start } = setup();
    const answered = start(IN_ORDER, 'feed');
    clock.advance(500);
    const late = start(IN_ORDER, 'snapshot');
    const failed = start(BY_ID);
    registry.end(answered);
    registry.fail(failed);
    clock.advance(DEADLINE - 1);
    expect(overdue).toEqual([]);
    clock.advance(1);
    expect(overdue).toEqual([late]);
    // Still pending: its end may yet come and must not answer another request.
    expect(registry.oldest(IN_ORDER)).toBe(late);
    expect(clock.pendingCount).toBe(0);
  });

  it('forgets every pending request, deadlines included, when the connection goes', () => {
    const { clock, registry, overdue, start } = setup();
    const a = start(IN_ORDER, 'feed');
    const b = start(BY_ID);
    expect(registry.clear()).toEqual([b, a]);
    expect(registry.oldest(IN_ORDER)).toBeUndefined();
    expect(registry.get(BY_ID, b.id)).toBeUndefined();
    expect(clock.pendingCount).toBe(0);
    clock.advance(5 * DEADLINE);
    expect(overdue).toEqual([]);
    // Ids keep growing on the next connection: an answer still on its way finds nothing.
    expect(start(BY_ID).id).toBe(2);
  });

  /**
   * TWS answers every reqPositions with the whole list then positionEnd, in the order asked, but
   * may withhold some ends. Whatever happens, a request ended by an end marker without an id has
   * received every row of a whole list: it never ends short.
   */
  it('never ends a request answered in order with rows missing, whichever ends are withheld', () => {
    const book = ['DU1:1', 'DU1:2', 'DU2:3'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ withheld: fc.boolean(), liveRowsBefore: fc.nat(3) }), { maxLength: 12 }),
        (requests) => {
          const { registry, start } = setup();
          const ended: Set<string>[] = [];
          const receive = (key: string) => registry.oldest(IN_ORDER)?.rows.set(key, key);
          for (const { withheld, liveRowsBefore } of requests) {
            for (let i = 0; i < liveRowsBefore; i++) receive(book[i % book.length]!);
            start(IN_ORDER, 'snapshot');
            for (const key of book) receive(key);
            if (!withheld) {
              const done = registry.oldest(IN_ORDER);
              if (done && registry.end(done)) ended.push(new Set(done.rows.keys()));
            }
          }
          for (const rows of ended) expect([...rows].sort()).toEqual([...book].sort());
        },
      ),
    );
  });
});
