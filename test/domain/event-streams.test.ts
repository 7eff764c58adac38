import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConsumerTooSlowError, EventHub } from '../../src/domain/event-hub.js';
import { resumeThenLive } from '../../src/domain/resumable-stream.js';

describe('EventHub', () => {
  it('delivers to listeners and iterators; returning an iterator removes its listener', async () => {
    const hub = new EventHub<number>();
    const heard: number[] = [];
    const unsubscribe = hub.subscribe((n) => heard.push(n));
    const it = hub.iterate();
    expect(hub.listenerCount).toBe(2);
    hub.publish(1);
    hub.publish(2);
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(await it.next()).toEqual({ value: 2, done: false });
    const pending = it.next();
    await it.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.listenerCount).toBe(1);
    unsubscribe();
    expect(hub.listenerCount).toBe(0);
    expect(heard).toEqual([1, 2]);
  });

  it('a consumer that falls behind past its limit gets ConsumerTooSlowError after what it had', async () => {
    const hub = new EventHub<number>();
    const it = hub.iterate({ maxPending: 3 });
    for (let i = 1; i <= 5; i++) hub.publish(i);
    expect(hub.listenerCount).toBe(0);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const n of it) got.push(n);
      })(),
    ).rejects.toBeInstanceOf(ConsumerTooSlowError);
    expect(got).toEqual([1, 2, 3]);
  });
});

/** A store of sequenced items with a live hub, like the writer or the discrepancy events. */
function source() {
  const stored: number[] = [];
  const hub = new EventHub<number>();
  return {
    stored,
    hub,
    append(n: number) {
      stored.push(n);
      hub.publish(n);
    },
    replay: async (after: number) => stored.filter((n) => n > after).slice(0, 3),
  };
}

describe('resumeThenLive', () => {
  it('replays what was missed, then goes live, with no gap and no duplicate', async () => {
    const s = source();
    for (let n = 1; n <= 7; n++) s.append(n);
    const it = resumeThenLive({
      after: 4,
      sequenceOf: (n) => n,
      replay: s.replay,
      subscribe: (l) => s.hub.subscribe(l),
    });
    expect((await it.next()).value).toBe(5);
    s.append(8); // published while the replay is under way
    const got = [5];
    for (let i = 0; i < 3; i++) got.push((await it.next()).value as number);
    s.append(9);
    got.push((await it.next()).value as number);
    expect(got).toEqual([5, 6, 7, 8, 9]);
    await it.return?.();
    expect(s.hub.listenerCount).toBe(0);
  });

  it('ends after what it holds when the source ends', async () => {
    const s = source();
    let end = () => {};
    const it = resumeThenLive({
      after: undefined,
      sequenceOf: (n) => n,
      replay: s.replay,
      subscribe: (l, e) => {
        end = e;
        return s.hub.subscribe(l);
      },
    });
    s.append(1);
    s.append(2);
    end();
    s.append(3);
    const got: number[] = [];
    for await (const n of it) got.push(n);
    expect(got).toEqual([1, 2]);
    expect(s.hub.listenerCount).toBe(0);
  });

  it('without a cursor, starts with the next live item', async () => {
    const s = source();
    s.append(1);
    const it = resumeThenLive({
      after: undefined,
      sequenceOf: (n) => n,
      replay: s.replay,
      subscribe: (l) => s.hub.subscribe(l),
    });
    s.append(2);
    expect((await it.next()).value).toBe(2);
    await it.return?.();
  });

  it('releases its live listener even when returned before the first read', async () => {
    const s = source();
    const it = resumeThenLive({
      after: 0,
      sequenceOf: (n) => n,
      replay: s.replay,
      subscribe: (l) => s.hub.subscribe(l),
    });
    expect(s.hub.listenerCount).toBe(1);
    await it.return?.();
    expect(s.hub.listenerCount).toBe(0);
  });

  it('property: whatever interleaving of stored, replayed and live items, every item after the cursor arrives once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }),
        async (before, cursor, publishesPerRead) => {
          const s = source();
          let n = 0;
          for (; n < before; n++) s.append(n + 1);
          const after = Math.min(cursor, before);
          const it = resumeThenLive({
            after,
            sequenceOf: (x) => x,
            replay: s.replay,
            subscribe: (l) => s.hub.subscribe(l),
          });
          const got: number[] = [];
          for (const burst of publishesPerRead) {
            for (let i = 0; i < burst; i++) s.append(++n);
            if (got.length < n - after) got.push((await it.next()).value as number);
          }
          while (got.length < n - after) got.push((await it.next()).value as number);
          await it.return?.();
          expect(got).toEqual(Array.from({ length: n - after }, (_, i) => after + i + 1));
          expect(s.hub.listenerCount).toBe(0);
        },
      ),
    );
  });
});
