import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportPositions } from '../../src/app/position-export.js';
import { storeFixture, storePath, updateMaker } from '../infra/duckdb/support/store-fixture.js';
import { SPY_600_C } from '../support/contracts.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

describe('exporting positions', () => {
  it('resolves a relative folder against the working directory and says where it wrote', async () => {
    const { store, writer } = await fixture.openWithWriter(storePath(fixture.tempDir()));
    const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
    writer.enqueue(make({ contract: SPY_600_C, quantity: 2 }));
    const folder = join(fixture.tempDir(), 'nested', 'history');
    const outcome = await exportPositions(store, { out: relative(process.cwd(), folder), what: 'history' });
    expect(outcome).toEqual({ folder, what: 'history', rows: 1, symbols: 1 });
    expect(readdirSync(folder)).toEqual(['symbol=SPY']);
  });

  it('a failed export leaves no folder it made behind, so that a retry finds it new', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    await store.close();
    const folder = join(fixture.tempDir(), 'export');
    await expect(exportPositions(store, { out: folder, what: 'book' })).rejects.toThrow();
    expect(existsSync(folder)).toBe(false);
  });
});
