import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PositionUpdate } from '../../../src/domain/position-update.js';
import { toNumber } from '../../../src/infra/duckdb/duckdb-sql.js';
import { createPositionWriter } from '../../../src/infra/duckdb/position-writer.js';
import { option } from '../../support/contracts.js';
import { type FailingDisk, failingDisk } from './support/failing-disk.js';
import { count, storeFixture, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
let disk: FailingDisk;

beforeAll(() => {
  disk = failingDisk(3);
});
afterEach(() => fixture.cleanup());
afterAll(() => disk?.dispose());

const KEYS = Array.from({ length: 10 }, (_, i) =>
  option(800_000 + i, 'SPY', '20261218', 500 + 5 * i, 'CALL'),
);

describe('position writer on a disk whose writes fail', () => {
  it('keeps every update through failed flushes, retries with backoff, and collapses past its limit', async () => {
    const path = join(disk.path, 'positions.duckdb');
    const store = await fixture.open(path);
    const writer = await createPositionWriter(store, {
      flushIntervalMs: 3000,
      maxBatchSize: 100,
      maxBufferedUpdates: 150,
      retry: { initialMs: 1000, maxMs: 8000 },
    });
    const clock = fixture.clock;
    let tick = 0;
    const make = updateMaker(store, { brokerTime: () => new Date(clock.now().getTime() + tick++) });
    const enqueued: PositionUpdate[] = [];
    const enqueue = (round: number) => {
      for (const contract of KEYS) {
        const update = make({
          contract,
          quantity: round,
          averageCost: 512.34,
          marketPrice: 5.1 + round / 100,
          idempotencyKey: `ib:DU111111:${contract.conId}:${round}:${'x'.repeat(40)}`,
        });
        writer.enqueue(update);
        enqueued.push(update);
      }
    };

    for (const round of [1, 2]) enqueue(round);
    await writer.flush();
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(20);

    disk.fill();
    for (let round = 3; round <= 11; round++) enqueue(round);
    const failure = await writer.flush().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((failure as Error).message).toMatch(/could not write 90 position updates \(kept for a retry\)/);
    // Said plainly for people; the database's own words (file names) stay in the cause, for the log.
    expect((failure as Error).message).toContain(disk.failure.plain);
    expect(((failure as Error).cause as Error).message).toMatch(disk.failure.system);
    expect(writer.status()).toMatchObject({
      bufferedUpdates: 90,
      consecutiveFailures: 1,
      nextRetryAt: new Date(clock.now().getTime() + 1000),
    });
    expect(writer.status().lastError).toBe(disk.failure.plain);
    // Nothing of the failed batch landed, reads keep working, and the book still shows it.
    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(20);
    expect(writer.readModel.positions().map((p) => p.quantity)).toEqual(KEYS.map(() => 11));

    clock.advance(1000);
    await expect.poll(() => writer.status().consecutiveFailures).toBe(2);
    expect(writer.status().nextRetryAt).toEqual(new Date(clock.now().getTime() + 2000));

    for (let round = 12; round <= 22; round++) enqueue(round);
    const collapsed = writer.status().collapsedUpdates;
    expect(collapsed).toBeGreaterThan(0);
    expect(writer.status().bufferedUpdates).toBeLessThanOrEqual(150);

    disk.release();
    clock.advance(2000);
    await expect.poll(() => writer.status().bufferedUpdates).toBe(0);
    expect(writer.status()).toMatchObject({ lastError: null, consecutiveFailures: 0, nextRetryAt: null });

    // Every update that was not collapsed away is stored, each exactly once.
    const stored = await count(store, 'SELECT count(*) FROM position_updates');
    expect(await count(store, 'SELECT count(DISTINCT idempotency_key) FROM position_updates')).toBe(stored);
    expect(stored + collapsed).toBe(enqueued.length);
    expect(writer.status().totalUpdates).toBe(stored);

    // The latest update of every key survived, and it is what the book holds.
    const latest = enqueued.slice(-KEYS.length);
    const latestStored = await count(
      store,
      `SELECT count(*) FROM position_updates WHERE idempotency_key IN (${latest.map((u) => `'${u.idempotencyKey}'`).join(', ')})`,
    );
    expect(latestStored).toBe(KEYS.length);
    const current = await store.read('SELECT con_id, sequence FROM positions_current ORDER BY con_id');
    expect(current.map((r) => toNumber(r.sequence))).toEqual(latest.map((u) => u.sequence));

    await store.close();
    const reopened = await fixture.open(path);
    const again = await createPositionWriter(reopened);
    expect(again.readModel.positions().map((p) => p.quantity)).toEqual(KEYS.map(() => 22));
  });
});
