import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DuckDBDataChunkWriter, DuckDBInstance, JSToDuckDBValueConverter } from '@duckdb/node-api';
import type { Contract } from '../src/domain/contract.js';
import type { PositionUpdate } from '../src/domain/position-update.js';
import { openStore } from '../src/infra/duckdb/open-store.js';
import { createPositionWriter } from '../src/infra/duckdb/position-writer.js';
import { option } from '../test/support/contracts.js';
import { type Benchmark, percentile, table } from './bench-kit.js';

const UPDATES = 200_000;
const KEYS = 2_000;
const BATCH = 50_000;
const SLICE = 1_000;
const RUNS = 3;
const START = Date.parse('2026-11-25T14:30:00Z');

/** A realistic stream: 2,000 option positions over 4 accounts, each tick with the portfolio fields. */
function updates(): PositionUpdate[] {
  const contracts: Contract[] = Array.from({ length: KEYS }, (_, i) =>
    option(
      1_000_000 + i,
      ['SPY', 'QQQ', 'SPX', 'AAPL'][i % 4] ?? 'SPY',
      '20261218',
      400 + (i % 300),
      i % 2 ? 'CALL' : 'PUT',
    ),
  );
  return Array.from({ length: UPDATES }, (_, n) => {
    const contract = contracts[n % KEYS] as Contract;
    const price = 1 + (n % 997) / 100;
    return {
      sequence: n + 1,
      idempotencyKey: `ib:DU${100000 + (n % 4)}:${contract.conId}:${n}`,
      account: `DU${100000 + (n % 4)}`,
      conId: contract.conId,
      contract,
      quantity: (n % 7) - 3,
      averageCost: 512.34,
      marketPrice: price,
      marketValue: price * 100 * ((n % 7) - 3),
      unrealizedPnl: -12.5 + (n % 13),
      realizedPnl: 0,
      source: 'STREAM',
      brokerTime: new Date(START + n),
    };
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Our path: enqueue (last-write-wins, events) and wait until every update is durable. */
async function throughWriter(dir: string, stream: readonly PositionUpdate[]) {
  const store = await openStore({ path: join(dir, 'writer.duckdb') });
  const writer = await createPositionWriter(store, {
    maxBatchSize: BATCH,
    maxBufferedUpdates: stream.length,
  });
  const offset = store.nextSequence();
  const stamped = stream.map((u) => ({ ...u, sequence: offset + u.sequence }));
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  // Updates arrive as a stream, a slice per event-loop turn, while batches are being written.
  for (let i = 0; i < stamped.length; i += SLICE) {
    for (const update of stamped.slice(i, i + SLICE)) writer.enqueue(update);
    await nextTurn();
  }
  await writer.flush();
  const ms = performance.now() - started;
  loop.disable();
  const status = writer.status();
  await store.close();
  if (status.totalUpdates !== stream.length || status.collapsedUpdates !== 0) {
    throw new Error(`the writer stored ${status.totalUpdates} of ${stream.length} updates`);
  }
  return { ms, flushes: status.flushCount, maxStallMs: loop.max / 1e6 };
}

const BARE_TABLE = `CREATE TABLE bare (
  sequence BIGINT, idempotency_key VARCHAR, account VARCHAR, con_id BIGINT, symbol VARCHAR, sec_type VARCHAR,
  currency VARCHAR, local_symbol VARCHAR, trading_class VARCHAR, exchange VARCHAR, expiry VARCHAR, strike DOUBLE,
  option_right VARCHAR, multiplier DOUBLE, quantity DECIMAL(38,10), average_cost DECIMAL(38,10),
  market_price DECIMAL(38,10), market_value DECIMAL(38,10), unrealized_pnl DECIMAL(38,10),
  realized_pnl DECIMAL(38,10), source VARCHAR, broker_time TIMESTAMPTZ, written_at TIMESTAMPTZ, change VARCHAR,
  applied BOOLEAN)`;

/** The ceiling: the same rows appended to a bare table (no index, no book, no checks), committed per batch. */
async function rawAppender(dir: string, stream: readonly PositionUpdate[]) {
  // The same DuckDB settings as the store, so that only the work differs.
  const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'), { checkpoint_threshold: '64MB' });
  const connection = await instance.connect();
  await connection.run(BARE_TABLE);
  const started = performance.now();
  for (let i = 0; i < stream.length; i += BATCH) {
    await connection.run('BEGIN TRANSACTION');
    const appender = await connection.createAppender('bare');
    const rows = DuckDBDataChunkWriter.forAppender(appender, { converter: JSToDuckDBValueConverter });
    const writtenAt = new Date();
    for (const u of stream.slice(i, i + BATCH)) {
      const c = u.contract;
      rows.appendRow([
        u.sequence,
        u.idempotencyKey,
        u.account,
        u.conId,
        c.symbol,
        c.secType,
        c.currency,
        c.localSymbol ?? null,
        c.tradingClass ?? null,
        c.exchange ?? null,
        c.expiry ?? null,
        c.strike ?? null,
        c.right ?? null,
        c.multiplier ?? null,
        u.quantity,
        u.averageCost ?? null,
        u.marketPrice ?? null,
        u.marketValue ?? null,
        u.unrealizedPnl ?? null,
        u.realizedPnl ?? null,
        u.source,
        u.brokerTime,
        writtenAt,
        'CHANGED',
        true,
      ]);
    }
    rows.flush();
    appender.closeSync();
    await connection.run('COMMIT');
  }
  const ms = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  return { ms };
}

export const writerBenchmark: Benchmark = {
  title: 'Position writer throughput',
  async run() {
    const stream = updates();
    const ours: number[] = [];
    const raw: number[] = [];
    const stalls: number[] = [];
    let flushes = 0;
    for (let run = 0; run < RUNS; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-'));
      try {
        const writer = await throughWriter(dir, stream);
        ours.push(writer.ms);
        stalls.push(writer.maxStallMs);
        flushes = writer.flushes;
        raw.push((await rawAppender(dir, stream)).ms);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const oursMs = percentile(ours, 50);
    const rawMs = percentile(raw, 50);
    const perSecond = (ms: number) => (UPDATES / ms) * 1000;
    return [
      `${UPDATES.toLocaleString('en-US')} updates over ${KEYS.toLocaleString('en-US')} keys into a DuckDB file,`,
      `batches of ${BATCH.toLocaleString('en-US')} (median of ${RUNS} runs, each on a fresh file).`,
      '',
      table(
        ['path', 'time (ms)', 'updates/s'],
        [
          ['position writer: enqueue + flush until durable', oursMs, perSecond(oursMs)],
          ['raw Appender into a bare table, commit per batch', rawMs, perSecond(rawMs)],
        ],
      ),
      '',
      `Ratio: writer time / raw Appender time = ${(oursMs / rawMs).toFixed(2)} ` +
        `(${flushes} transactions per writer run).`,
      `Target ≥ 100,000 updates/s: ${perSecond(oursMs) >= 100_000 ? 'met' : 'NOT met'}.`,
      `Longest event-loop stall while the writer ran: ${percentile(stalls, 50).toFixed(1)} ms (median of runs).`,
      '',
      'The baseline appends the same 25-column rows with the documented fast path (DataChunkWriter and',
      'the JS converter) into a table without index, and does nothing else. The writer also applies',
      'last-write-wins and classifies every update, enforces the unique idempotency key, upserts the',
      'current book in the same transaction, and converts decimals exactly. It can still beat the',
      'baseline: text costs the Appender one native call per value, and the writer sends each',
      "contract's ten fields once per batch (joined in SQL) instead of once per row.",
    ].join('\n');
  },
};
