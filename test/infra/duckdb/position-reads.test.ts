import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { positionFromUpdate } from '../../../src/infra/duckdb/position-rows.js';
import { createPositionWriter } from '../../../src/infra/duckdb/position-writer.js';
import { AAPL_230_P, NVDA_STOCK, SPX_SERIES, SPY_550_P, SPY_600_C } from './support/book-contracts.js';
import { storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

async function setUp() {
  const path = storePath(fixture.tempDir());
  const { store, writer } = await fixture.openWithWriter(path);
  const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
  return { path, store, writer, make };
}

const key = (account: string, conId: number) => ({ account, conId });

describe('reads: every field survives the store', () => {
  it('round-trips contracts, quantities, money and instants exactly', async () => {
    const { path, store, writer, make } = await setUp();
    const option = make({
      contract: SPX_SERIES,
      quantity: -3,
      averageCost: 153.4866,
      marketPrice: 1.25,
      marketValue: -37_500.5,
      unrealizedPnl: 8_545.9,
      realizedPnl: -0.01,
      brokerTime: '2026-11-25T14:55:00.123Z',
      source: 'SNAPSHOT',
    });
    const fractional = make({ contract: NVDA_STOCK, account: 'U7654321', quantity: 0.0001, averageCost: 0 });
    const liveEvents = [writer.enqueue(option), writer.enqueue(fractional)];
    await store.close();

    const reopened = await fixture.open(path);
    const again = await createPositionWriter(reopened);
    expect(again.readModel.position(option)).toStrictEqual(positionFromUpdate(option));
    expect(again.readModel.position(fractional)).toStrictEqual(positionFromUpdate(fractional));
    expect(await again.readModel.eventsAfter(0)).toStrictEqual(liveEvents);
  });
});

describe('reads: the current book', () => {
  it('filters by account, symbol and type, hides closed positions, and includes buffered updates', async () => {
    const { writer, make } = await setUp();
    writer.enqueue(make({ account: 'DU111111', contract: SPY_600_C, quantity: 2 }));
    writer.enqueue(make({ account: 'DU111111', contract: NVDA_STOCK, quantity: 100 }));
    writer.enqueue(make({ account: 'DU222222', contract: SPY_550_P, quantity: -1 }));
    await writer.flush();
    writer.enqueue(make({ account: 'DU222222', contract: AAPL_230_P, quantity: 4 }));
    writer.enqueue(make({ account: 'DU111111', contract: NVDA_STOCK, quantity: 0 }));

    const keys = (filter?: Parameters<typeof writer.readModel.positions>[0]) =>
      writer.readModel.positions(filter).map((p) => `${p.account}/${p.contract.symbol}/${p.quantity}`);
    expect(keys()).toEqual(['DU111111/SPY/2', 'DU222222/AAPL/4', 'DU222222/SPY/-1']);
    expect(keys({ includeClosed: true })).toEqual([
      'DU111111/NVDA/0',
      'DU111111/SPY/2',
      'DU222222/AAPL/4',
      'DU222222/SPY/-1',
    ]);
    expect(keys({ account: 'DU222222' })).toEqual(['DU222222/AAPL/4', 'DU222222/SPY/-1']);
    expect(keys({ symbol: 'spy' })).toEqual(['DU111111/SPY/2', 'DU222222/SPY/-1']);
    expect(keys({ secType: 'STK', includeClosed: true })).toEqual(['DU111111/NVDA/0']);

    expect(writer.readModel.position(key('DU222222', AAPL_230_P.conId))?.quantity).toBe(4);
    expect(writer.readModel.position(key('DU111111', NVDA_STOCK.conId))?.quantity).toBe(0);
    expect(writer.readModel.position(key('DU999999', AAPL_230_P.conId))).toBeUndefined();
  });
});

describe('reads: time travel', () => {
  it('answers the book as of an instant between two updates, stored or buffered', async () => {
    const { writer, make } = await setUp();
    writer.enqueue(make({ contract: SPY_600_C, quantity: 1, brokerTime: '2026-11-25T14:00:00Z' }));
    writer.enqueue(make({ contract: SPY_550_P, quantity: 5, brokerTime: '2026-11-25T14:00:00Z' }));
    await writer.flush();
    writer.enqueue(make({ contract: SPY_600_C, quantity: 2, brokerTime: '2026-11-25T14:10:00Z' }));
    writer.enqueue(make({ contract: SPY_550_P, quantity: 0, brokerTime: '2026-11-25T14:20:00Z' }));
    // Arrives last but was observed first: it never applied, so no instant shows it.
    writer.enqueue(make({ contract: SPY_600_C, quantity: 9, brokerTime: '2026-11-25T14:05:00Z' }));

    const asOf = async (at: string, includeClosed = false) =>
      (await writer.readModel.positionsAsOf(new Date(at), { includeClosed })).map(
        (p) => `${p.contract.conId}:${p.quantity}`,
      );
    const check = async () => {
      expect(await asOf('2026-11-25T13:59:59Z')).toEqual([]);
      expect(await asOf('2026-11-25T14:05:00Z')).toEqual([`${SPY_600_C.conId}:1`, `${SPY_550_P.conId}:5`]);
      expect(await asOf('2026-11-25T14:10:00Z')).toEqual([`${SPY_600_C.conId}:2`, `${SPY_550_P.conId}:5`]);
      expect(await asOf('2026-11-25T14:30:00Z')).toEqual([`${SPY_600_C.conId}:2`]);
      expect(await asOf('2026-11-25T14:30:00Z', true)).toEqual([
        `${SPY_600_C.conId}:2`,
        `${SPY_550_P.conId}:0`,
      ]);
    };
    await check();
    await writer.flush();
    await check();
    await expect(writer.readModel.positionsAsOf(new Date('garbage'))).rejects.toBeInstanceOf(DomainError);
  });
});

describe('reads: one key’s history', () => {
  it('pages newest first across the file and the buffer, with opaque cursors', async () => {
    const { writer, make } = await setUp();
    const spy = (quantity: number, minute: number) =>
      make({ contract: SPY_600_C, quantity, brokerTime: `2026-11-25T14:0${minute}:00Z` });
    for (const [quantity, minute] of [
      [1, 1],
      [2, 2],
      [3, 3],
    ] as const)
      writer.enqueue(spy(quantity, minute));
    writer.enqueue(make({ contract: SPY_550_P, quantity: 7 }));
    await writer.flush();
    writer.enqueue(spy(4, 4));
    writer.enqueue(spy(8, 0)); // lost last-write-wins: not part of the history of events
    writer.enqueue(spy(5, 5));

    const spyKey = key('DU111111', SPY_600_C.conId);
    const pages: number[][] = [];
    let after: number | undefined;
    for (;;) {
      const page = await writer.readModel.history(spyKey, { first: 2, after });
      pages.push(page.items.map((e) => e.position.quantity));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)?.sequence;
    }
    expect(pages).toEqual([[5, 4], [3, 2], [1]]);
    const all = await writer.readModel.history(spyKey, { first: 10 });
    expect(all.items.map((e) => e.change)).toEqual(['CHANGED', 'CHANGED', 'CHANGED', 'CHANGED', 'OPENED']);
    expect(await writer.readModel.history(key('DU111111', 1), { first: 5 })).toEqual({
      items: [],
      hasNextPage: false,
    });
  });

  it('refuses sequences that cannot be and page sizes out of range', async () => {
    const { writer } = await setUp();
    const spyKey = key('DU111111', SPY_600_C.conId);
    for (const after of [-1, 1.5, Number.NaN]) {
      await expect(writer.readModel.history(spyKey, { first: 1, after })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    }
    for (const first of [0, 1001, 2.5]) {
      await expect(writer.readModel.history(spyKey, { first })).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
    }
  });
});

describe('reads: events after a sequence', () => {
  it('returns applied events in order, from the file and from the buffer alone', async () => {
    const { writer, make } = await setUp();
    const stored = [1, 2].map((quantity) => writer.enqueue(make({ quantity })));
    await writer.flush();
    const bufferedOnly = writer.enqueue(make({ quantity: 3 }));
    writer.enqueue(make({ quantity: 99, brokerTime: '2026-01-01T00:00:00Z' })); // lost: no event
    const last = writer.enqueue(make({ quantity: 4 }));

    const sequences = (events: { sequence: number }[]) => events.map((e) => e.sequence);
    expect(sequences(await writer.readModel.eventsAfter(0))).toEqual(
      sequences([...stored, bufferedOnly, last] as { sequence: number }[]),
    );
    expect(await writer.readModel.eventsAfter(bufferedOnly?.sequence ?? 0)).toEqual([last]);
    expect(sequences(await writer.readModel.eventsAfter(0, 2))).toEqual(
      sequences(stored as { sequence: number }[]),
    );
    expect(await writer.readModel.eventsAfter(last?.sequence ?? 0)).toEqual([]);
    await expect(writer.readModel.eventsAfter(1.5)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
