import { afterEach, describe, expect, it } from 'vitest';
import type { PositionUpdate } from '../../../src/domain/position-update.js';
import { prepareBatchStaging, writeBatch } from '../../../src/infra/duckdb/batch-write.js';
import { positionFromUpdate } from '../../../src/infra/duckdb/position-rows.js';
import type { BufferedUpdate } from '../../../src/infra/duckdb/update-buffer.js';
import { AAPL_230_P, SPY_600_C } from '../../support/contracts.js';
import { count, storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

function applied(update: PositionUpdate, previousQuantity?: number): BufferedUpdate {
  return {
    update,
    previousQuantity,
    event: {
      sequence: update.sequence,
      change: previousQuantity === undefined ? 'OPENED' : 'CHANGED',
      position: positionFromUpdate(update),
      at: update.brokerTime,
    },
  };
}

describe('writing one batch', () => {
  it('writing the same batch twice (a retry) stores each update once', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const connection = await store.connect();
    await prepareBatchStaging(connection);
    const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
    const a1 = make({ contract: SPY_600_C, quantity: 1, brokerTime: '2026-11-25T14:00:00Z' });
    const a2 = make({ contract: SPY_600_C, quantity: 2, brokerTime: '2026-11-25T14:00:01Z' });
    const b1 = make({ contract: AAPL_230_P, quantity: -3, averageCost: 512.34 });
    const batch = [applied(a1), applied(a2, 1), applied(b1)];

    expect(await writeBatch(connection, batch, new Date('2026-11-25T15:00:03Z'))).toEqual({
      inserted: 3,
      alreadyStored: 0,
    });
    expect(await writeBatch(connection, batch, new Date('2026-11-25T15:00:06Z'))).toEqual({
      inserted: 0,
      alreadyStored: 3,
    });

    expect(await count(store, 'SELECT count(*) FROM position_updates')).toBe(3);
    expect(await count(store, 'SELECT count(DISTINCT written_at) FROM position_updates')).toBe(1);
    const current = await store.read(
      'SELECT con_id, sequence, CAST(quantity AS VARCHAR) AS q FROM positions_current ORDER BY con_id',
    );
    expect(current).toEqual([
      { con_id: BigInt(SPY_600_C.conId), sequence: BigInt(a2.sequence), q: '2.0000000000' },
      { con_id: BigInt(AAPL_230_P.conId), sequence: BigInt(b1.sequence), q: '-3.0000000000' },
    ]);
  });

  it('a key repeated inside one batch is written once', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const connection = await store.connect();
    await prepareBatchStaging(connection);
    const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
    const once = make({ quantity: 4, idempotencyKey: 'same' });
    const again = { ...make({ quantity: 5 }), idempotencyKey: 'same' };
    expect(await writeBatch(connection, [applied(once), applied(again, 4)], fixture.clock.now())).toEqual({
      inserted: 1,
      alreadyStored: 0,
    });
    expect(await count(store, 'SELECT quantity FROM positions_current')).toBe(4);
  });
});
