import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { toNumber } from '../../../src/infra/duckdb/duckdb-sql.js';
import { createPositionWriter } from '../../../src/infra/duckdb/position-writer.js';
import { AAPL_230_P, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
import { count, storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

async function setUp(options: Parameters<typeof fixture.openWithWriter>[1] = {}) {
  const path = storePath(fixture.tempDir());
  const { store, writer } = await fixture.openWithWriter(path, options);
  const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
  return { path, store, writer, make };
}

describe('position writer: when it writes', () => {
  it('flushes on the interval, one transaction per flush', async () => {
    const { store, writer, make } = await setUp({ flushIntervalMs: 3000 });
    for (const quantity of [1, 2, 3]) writer.enqueue(make({ quantity, contract: SPY_600_C }));
    expect(writer.status().bufferedUpdates).toBe(3);

    fixture.clock.advance(2999);
    expect(writer.status().flushCount).toBe(0);
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(0);

    fixture.clock.advance(1);
    await expect.poll(() => writer.status().flushCount).toBe(1);
    expect(writer.status()).toMatchObject({ bufferedUpdates: 0, totalUpdates: 3, lastError: null });
    expect(writer.status().lastFlushAt).toEqual(new Date('2026-11-25T15:00:03Z'));

    writer.enqueue(make({ quantity: 4, contract: SPY_550_P }));
    writer.enqueue(make({ quantity: 5, contract: SPY_550_P }));
    fixture.clock.advance(3000);
    await expect.poll(() => writer.status().flushCount).toBe(2);

    // Each flush is one transaction: its rows share one write time.
    const perFlush = await store.read(
      'SELECT written_at, count(*) AS n FROM position_updates GROUP BY written_at ORDER BY written_at',
    );
    expect(perFlush.map((r) => [(r.written_at as Date).toISOString(), toNumber(r.n)])).toEqual([
      ['2026-11-25T15:00:03.000Z', 3],
      ['2026-11-25T15:00:06.000Z', 2],
    ]);
    expect(await count(store, 'SELECT count(*) FROM positions_current')).toBe(2);
  });

  it('flushes at once when a batch fills, without waiting for the interval', async () => {
    const { store, writer, make } = await setUp({ flushIntervalMs: 60_000, maxBatchSize: 5 });
    for (let i = 1; i <= 12; i++) writer.enqueue(make({ quantity: i }));

    await expect.poll(() => writer.status().flushCount).toBe(2);
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(10);
    expect(writer.status().bufferedUpdates).toBe(2);

    fixture.clock.advance(60_000);
    await expect.poll(() => writer.status().bufferedUpdates).toBe(0);
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(12);
    expect(await count(store, 'SELECT quantity FROM positions_current')).toBe(12);
  });

  it('close() writes everything still buffered and leaves no timer behind', async () => {
    const { path, store, writer, make } = await setUp();
    for (let i = 1; i <= 5; i++) writer.enqueue(make({ quantity: i }));
    await writer.close();
    expect(fixture.clock.pendingCount).toBe(0);
    expect(() => writer.enqueue(make())).toThrow('the position writer is closed');
    await store.close();

    const reopened = await fixture.open(path);
    expect(await count(reopened, 'SELECT count(*) FROM position_updates')).toBe(5);
  });

  it('store.close() closes its writer first, so nothing buffered is lost', async () => {
    const { path, store, writer, make } = await setUp();
    writer.enqueue(make({ quantity: 7 }));
    await store.close();
    expect(fixture.clock.pendingCount).toBe(0);
    const reopened = await fixture.open(path);
    expect(await count(reopened, 'SELECT quantity FROM positions_current')).toBe(7);
  });
});

describe('position writer: what it keeps', () => {
  it('last write wins: a late older update reaches history but not the book', async () => {
    const { path, store, writer, make } = await setUp();
    const opened = writer.enqueue(make({ quantity: 5, brokerTime: '2026-11-25T14:00:00Z' }));
    const changed = writer.enqueue(make({ quantity: 7, brokerTime: '2026-11-25T14:02:00Z' }));
    const late = writer.enqueue(make({ quantity: 6, brokerTime: '2026-11-25T14:01:00Z' }));
    expect(opened?.change).toBe('OPENED');
    expect(changed?.change).toBe('CHANGED');
    expect(late).toBeUndefined();
    expect(writer.readModel.position({ account: 'DU111111', conId: SPY_600_C.conId })?.quantity).toBe(7);

    await writer.flush();
    const history = await store.read(
      'SELECT CAST(quantity AS VARCHAR) AS q, change, applied FROM position_updates ORDER BY sequence',
    );
    expect(history).toEqual([
      { q: '5.0000000000', change: 'OPENED', applied: true },
      { q: '7.0000000000', change: 'CHANGED', applied: true },
      { q: '6.0000000000', change: null, applied: false },
    ]);
    await store.close();

    const reopened = await fixture.open(path);
    const again = await createPositionWriter(reopened);
    expect(again.readModel.position({ account: 'DU111111', conId: SPY_600_C.conId })?.quantity).toBe(7);
    expect(again.enqueue(make({ quantity: 1, brokerTime: '2026-11-25T14:01:30Z' }))).toBeUndefined();
  });

  it('two updates of one key in one batch leave the later one current', async () => {
    const { store, writer, make } = await setUp();
    writer.enqueue(make({ quantity: 1, brokerTime: '2026-11-25T14:00:00Z' }));
    writer.enqueue(make({ quantity: 2, brokerTime: '2026-11-25T14:00:01Z' }));
    // Received later, observed earlier: it loses to the row above.
    writer.enqueue(make({ quantity: 3, contract: AAPL_230_P, brokerTime: '2026-11-25T14:00:05Z' }));
    writer.enqueue(make({ quantity: 4, contract: AAPL_230_P, brokerTime: '2026-11-25T14:00:04Z' }));
    await writer.flush();
    expect(writer.status().flushCount).toBe(1);

    const current = await store.read(
      'SELECT con_id, CAST(quantity AS VARCHAR) AS q FROM positions_current ORDER BY con_id',
    );
    expect(current).toEqual([
      { con_id: BigInt(SPY_600_C.conId), q: '2.0000000000' },
      { con_id: BigInt(AAPL_230_P.conId), q: '3.0000000000' },
    ]);
  });

  it('a duplicate idempotency key is refused at once and stored once', async () => {
    const { store, writer, make } = await setUp();
    const first = make({ quantity: 3, idempotencyKey: 'ib:DU111111:700001:abc' });
    expect(writer.enqueue(first)).toBeDefined();
    expect(
      writer.enqueue({ ...make({ quantity: 3 }), idempotencyKey: first.idempotencyKey }),
    ).toBeUndefined();
    await writer.flush();
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(1);
    expect(writer.status()).toMatchObject({ receivedUpdates: 1, duplicateUpdates: 1 });
  });

  it('recognises replays of updates stored before a restart', async () => {
    const { path, store, writer, make } = await setUp();
    const stored = make({ quantity: 3 });
    writer.enqueue(stored);
    await store.close();

    const reopened = await fixture.open(path);
    const again = await createPositionWriter(reopened);
    const replay = { ...stored, sequence: reopened.nextSequence() };
    expect(again.enqueue(replay)).toBeUndefined();
    expect(again.status().duplicateUpdates).toBe(1);
  });

  it('a replay older than the remembered keys is still stored once and does not move the book', async () => {
    const { path, store, writer, make } = await setUp();
    const stored = make({ quantity: 3, brokerTime: '2026-11-25T14:00:00Z' });
    writer.enqueue(stored);
    await store.close();

    const reopened = await fixture.open(path);
    const forgetful = await createPositionWriter(reopened, { rememberedKeys: 0 });
    // Not recognised in memory: it looks like news until the store's unique key says otherwise.
    forgetful.enqueue({ ...stored, sequence: reopened.nextSequence(), quantity: 9 });
    await forgetful.flush();
    expect(forgetful.status()).toMatchObject({ duplicateUpdates: 1, totalUpdates: 1 });
    expect(await count(reopened, 'SELECT count(*) FROM position_updates')).toBe(1);
    expect(await count(reopened, 'SELECT quantity FROM positions_current')).toBe(3);
  });
});

describe('position writer: sequences and refusals', () => {
  it('sequences stay strictly increasing across a close and reopen', async () => {
    const { path, store, writer, make } = await setUp();
    for (let i = 0; i < 3; i++) writer.enqueue(make({ quantity: i + 1 }));
    const handedOut = [store.nextSequence(), store.nextSequence()]; // allocated, never written
    await store.close();
    const maxStored = Math.max(...handedOut);

    // A clock that is behind (restarted on a machine whose clock jumped back): the stored
    // maximum still wins.
    fixture.useClock(new ManualClock('2026-11-25T14:00:00Z'));
    const behind = await fixture.open(path);
    const written = await count(behind, 'SELECT max(sequence) FROM position_updates');
    expect(behind.nextSequence()).toBeGreaterThan(written);
    await behind.close();

    // The clock has moved on: numbers handed out but lost in a crash are not handed out again.
    fixture.useClock(new ManualClock('2026-11-25T15:00:00.001Z'));
    const later = await fixture.open(path);
    const next = later.nextSequence();
    expect(next).toBeGreaterThan(maxStored);
    expect(later.nextSequence()).toBe(next + 1);
  });

  it('refuses an update it could not store, keeping nothing', async () => {
    const { writer, make } = await setUp();
    const bad = [
      { ...make(), quantity: Number.NaN },
      { ...make(), marketValue: Number.POSITIVE_INFINITY },
      { ...make(), brokerTime: new Date('nonsense') },
      { ...make(), account: '' },
      { ...make(), source: 'GUESS' as never },
    ];
    for (const update of bad) {
      const error = (() => {
        try {
          writer.enqueue(update);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('BAD_USER_INPUT');
      expect((error as DomainError).message).toContain(`position update ${update.idempotencyKey} refused`);
    }
    expect(writer.status()).toMatchObject({ bufferedUpdates: 0, receivedUpdates: 0 });
  });

  it('refuses an update stamped before the last one it accepted', async () => {
    const { writer, make } = await setUp();
    const early = make({ quantity: 1 });
    const late = make({ quantity: 2 });
    writer.enqueue(late);
    expect(() => writer.enqueue(early)).toThrow(/not after the last accepted/);
    expect(writer.status().bufferedUpdates).toBe(1);
  });

  it('one writer per store', async () => {
    const { store } = await setUp();
    await expect(createPositionWriter(store)).rejects.toThrow('already has a position writer');
  });

  it('refuses settings that make no sense', async () => {
    const path = storePath(fixture.tempDir());
    const store = await fixture.open(path);
    await expect(createPositionWriter(store, { maxBatchSize: 0 })).rejects.toThrow(
      /maxBatchSize must be a positive/,
    );
    await expect(createPositionWriter(store, { maxBatchSize: 10, maxBufferedUpdates: 5 })).rejects.toThrow(
      /maxBufferedUpdates \(5\) must be at least maxBatchSize \(10\)/,
    );
  });
});

describe('position writer: events', () => {
  it('every listener sees each event enqueue returns, until it unsubscribes', async () => {
    const { writer, make } = await setUp();
    const seen: number[] = [];
    const stop = writer.onEvent((e) => seen.push(e.sequence));
    const a = writer.enqueue(make({ quantity: 1 }));
    writer.enqueue(make({ quantity: 1, brokerTime: '2026-01-01T00:00:00Z' })); // loses: no event
    stop();
    writer.enqueue(make({ quantity: 2 }));
    expect(seen).toEqual([a?.sequence]);
    expect(writer.listenerCount).toBe(0);
  });

  it('a listener that throws does not stop the update or the other listeners', async () => {
    const failures: unknown[] = [];
    const { writer, make } = await setUp({ onListenerError: (e) => failures.push(e) });
    const seen: string[] = [];
    writer.onEvent(() => {
      throw new Error('broken listener');
    });
    writer.onEvent((e) => seen.push(e.change));
    expect(writer.enqueue(make({ quantity: 4 }))?.change).toBe('OPENED');
    expect(seen).toEqual(['OPENED']);
    expect(failures).toHaveLength(1);
    expect(writer.status().bufferedUpdates).toBe(1);
  });

  it('classifies changes: opened, changed, refreshed, closed', async () => {
    const { writer, make } = await setUp();
    const changes = [5, 7, 7, 0, 0, 2].map((quantity) => writer.enqueue(make({ quantity }))?.change);
    expect(changes).toEqual(['OPENED', 'CHANGED', 'REFRESHED', 'CLOSED', 'REFRESHED', 'OPENED']);
  });
});
