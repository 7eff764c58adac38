import { join } from 'node:path';
import type { Contract } from '../../../../src/domain/contract.js';
import type { PositionSource } from '../../../../src/domain/position.js';
import type { PositionUpdate } from '../../../../src/domain/position-update.js';
import { toNumber } from '../../../../src/infra/duckdb/duckdb-sql.js';
import { type DuckDbStore, openStore } from '../../../../src/infra/duckdb/open-store.js';
import { createPositionWriter, type PositionWriter } from '../../../../src/infra/duckdb/position-writer.js';
import type { PositionWriterOptions } from '../../../../src/infra/duckdb/writer-settings.js';
import { SPY_600_C } from '../../../support/contracts.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { makeTempDir } from '../../../support/temp-dir.js';

export interface UpdateSpec {
  readonly account?: string;
  readonly contract?: Contract;
  readonly quantity?: number;
  readonly brokerTime?: Date | string;
  readonly source?: PositionSource;
  readonly idempotencyKey?: string;
  readonly averageCost?: number;
  readonly marketPrice?: number;
  readonly marketValue?: number;
  readonly unrealizedPnl?: number;
  readonly realizedPnl?: number;
}

/**
 * Temp folders, stores and writers for one test file, all disposed by `cleanup()` (call it in
 * afterEach), newest first. Each test starts with a fresh manual clock at 2026-11-25T15:00:00Z.
 */
export function storeFixture() {
  const disposers: (() => unknown)[] = [];
  let clock = new ManualClock('2026-11-25T15:00:00Z');

  return {
    get clock() {
      return clock;
    },
    useClock(next: ManualClock) {
      clock = next;
    },
    tempDir(): string {
      const dir = makeTempDir();
      disposers.push(() => dir.remove());
      return dir.path;
    },
    async open(path: string, options: { readOnly?: boolean } = {}): Promise<DuckDbStore> {
      const store = await openStore({ path, clock, ...options });
      disposers.push(() => (store.closed ? undefined : store.close()));
      return store;
    },
    async openWithWriter(path: string, options: PositionWriterOptions = {}) {
      const store = await this.open(path);
      const writer = await createPositionWriter(store, { flushIntervalMs: 3000, ...options });
      return { store, writer };
    },
    async cleanup() {
      for (const dispose of disposers.splice(0).reverse()) await dispose();
      clock = new ManualClock('2026-11-25T15:00:00Z');
    },
  };
}

/** Builds updates stamped with the store's next sequence, as the broker adapter does. */
export function updateMaker(store: DuckDbStore, defaults: { brokerTime: () => Date }) {
  return (spec: UpdateSpec = {}): PositionUpdate => {
    const sequence = store.nextSequence();
    const contract = spec.contract ?? SPY_600_C;
    const account = spec.account ?? 'DU111111';
    const update: { -readonly [K in keyof PositionUpdate]: PositionUpdate[K] } = {
      sequence,
      idempotencyKey: spec.idempotencyKey ?? `test:${account}:${contract.conId}:${sequence}`,
      account,
      conId: contract.conId,
      contract,
      quantity: spec.quantity ?? 1,
      source: spec.source ?? 'STREAM',
      brokerTime: spec.brokerTime === undefined ? defaults.brokerTime() : new Date(spec.brokerTime),
    };
    for (const field of [
      'averageCost',
      'marketPrice',
      'marketValue',
      'unrealizedPnl',
      'realizedPnl',
    ] as const) {
      const value = spec[field];
      if (value !== undefined) update[field] = value;
    }
    return update;
  };
}

export async function count(store: DuckDbStore, sql: string): Promise<number> {
  const [row] = await store.read(sql);
  return toNumber(Object.values(row ?? {})[0] ?? 0);
}

export function storePath(dir: string): string {
  return join(dir, 'positions.duckdb');
}

export type { PositionWriter };
