import { afterEach, describe, expect, it } from 'vitest';
import { ConsumerTooSlowError } from '../../../src/domain/event-hub.js';
import type { PositionEvent } from '../../../src/domain/position-update.js';
import { AAPL_230_P, SPY_600_C } from '../../support/contracts.js';
import { storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

async function setUp() {
  const { store, writer } = await fixture.openWithWriter(storePath(fixture.tempDir()));
  const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
  const enqueue = (quantity: number, contract = SPY_600_C) => writer.enqueue(make({ quantity, contract }));
  return { store, writer, enqueue };
}

async function take(stream: AsyncIterator<PositionEvent>, n: number): Promise<number[]> {
  const sequences: number[] = [];
  while (sequences.length < n) {
    const next = await stream.next();
    if (next.done) break;
    sequences.push(next.value.sequence);
  }
  return sequences;
}

const sequenceOf = (event: PositionEvent | undefined) => event?.sequence ?? Number.NaN;

describe('follow: a resumable position stream', () => {
  it('replays from the file and the buffer, then goes live, with no gap and no duplicate', async () => {
    const { writer, enqueue } = await setUp();
    const flushed = [1, 2, 3, 4, 5].map((q) => sequenceOf(enqueue(q)));
    await writer.flush();
    const buffered = [6, 7, 8].map((q) => sequenceOf(enqueue(q)));

    const stream = writer.readModel.follow({ after: flushed[1] });
    const first = stream.next(); // the replay starts and is now querying the file
    const duringReplay = [9, 10].map((q) => sequenceOf(enqueue(q)));
    const flushing = writer.flush(); // and the buffer moves into the file meanwhile
    const replayed = [(await first).value?.sequence ?? Number.NaN, ...(await take(stream, 7))];
    await flushing;
    expect(replayed).toEqual([...flushed.slice(2), ...buffered, ...duringReplay]);

    const live = sequenceOf(enqueue(11));
    expect(await take(stream, 1)).toEqual([live]);
    await stream.return?.();
  });

  it('without a cursor it only sees what happens next', async () => {
    const { writer, enqueue } = await setUp();
    enqueue(1);
    const stream = writer.readModel.follow();
    const next = stream.next();
    const live = sequenceOf(enqueue(2));
    expect((await next).value?.sequence).toBe(live);
    await stream.return?.();
  });

  it('filters by account, symbol and type without losing its place', async () => {
    const { writer, enqueue } = await setUp();
    const start = sequenceOf(enqueue(1, AAPL_230_P));
    const stream = writer.readModel.follow({ after: start, filter: { symbol: 'aapl' } });
    enqueue(5, SPY_600_C);
    const wanted = sequenceOf(enqueue(2, AAPL_230_P));
    expect(await take(stream, 1)).toEqual([wanted]);
    await stream.return?.();
  });

  it('return() removes its listener, even with a next() still waiting', async () => {
    const { writer } = await setUp();
    expect(writer.listenerCount).toBe(0);
    const stream = writer.readModel.follow({ after: 0 });
    expect(writer.listenerCount).toBe(1);
    const waiting = stream.next();
    await stream.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(writer.listenerCount).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('a `for await` loop that breaks out leaves no listener behind', async () => {
    const { writer, enqueue } = await setUp();
    enqueue(1);
    for await (const event of writer.readModel.follow({ after: 0 })) {
      expect(event.position.quantity).toBe(1);
      break;
    }
    expect(writer.listenerCount).toBe(0);
  });

  it('ends when the writer closes, after delivering what was waiting', async () => {
    const { writer, enqueue } = await setUp();
    const stream = writer.readModel.follow();
    const live = sequenceOf(enqueue(3));
    const closing = writer.close();
    expect(await take(stream, 5)).toEqual([live]);
    await closing;
    expect(writer.listenerCount).toBe(0);
  });

  it('ends a subscriber that falls too far behind, after what it could hold, telling it to resume', async () => {
    const { writer, enqueue } = await setUp();
    const stream = writer.readModel.follow({ maxPending: 3 });
    const delivered = sequenceOf(enqueue(1));
    expect(await take(stream, 1)).toEqual([delivered]);
    const held = [2, 3, 4].map((q) => sequenceOf(enqueue(q)));
    for (let q = 5; q <= 6; q++) enqueue(q);
    expect(await take(stream, 3)).toEqual(held);
    const error = await stream.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsumerTooSlowError);
    expect((error as Error).message).toContain('resume from the last cursor');
    expect(writer.listenerCount).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
