import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  INTEGER,
  TIMESTAMPTZ,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';
import type { Contract } from '../../domain/contract.js';
import { keyId } from '../../domain/position.js';
import { appendRows, type ChunkColumn, nextTurn } from './column-chunks.js';
import { instantValue, inTransaction } from './duckdb-sql.js';
import { DECIMAL_SCALE, DECIMAL_SQL_TYPE, DECIMAL_WIDTH, toScaledDecimal } from './exact-decimal.js';
import type { BufferedUpdate } from './update-buffer.js';

export interface BatchOutcome {
  /** Updates stored by this batch. */
  readonly inserted: number;
  /** Updates whose idempotency key was already stored: skipped, not stored twice. */
  readonly alreadyStored: number;
}

// Small codes instead of text in the staging rows: text costs a native call per value, a code is
// copied with its whole column. The statements below turn them back into text (lists are 1-based).
const SOURCES = ['STREAM', 'SNAPSHOT', 'EXPIRY', 'MANUAL'] as const;
const CHANGES = ['OPENED', 'CHANGED', 'CLOSED', 'REFRESHED'] as const;
const codeOf = (list: readonly string[]) => new Map(list.map((name, i) => [name, i + 1]));
const SOURCE_CODE = codeOf(SOURCES);
const CHANGE_CODE = codeOf(CHANGES);
const sqlList = (list: readonly string[]) => `[${list.map((s) => `'${s}'`).join(', ')}]`;

interface StagedUpdate {
  readonly entry: BufferedUpdate;
  /** Which staged contract row (account and contract) the update belongs to. */
  readonly ref: number;
  /** The batch's last applied update of its key: the one the current book takes. */
  readonly current: boolean;
}

interface StagedContract {
  readonly ref: number;
  readonly account: string;
  readonly contract: Contract;
}

const decimalColumn = (pick: (r: StagedUpdate) => number | undefined): ChunkColumn<StagedUpdate> => ({
  type: DECIMAL(DECIMAL_WIDTH, DECIMAL_SCALE),
  value: (r) => {
    const value = pick(r);
    return value === undefined
      ? null
      : new DuckDBDecimalValue(toScaledDecimal(value), DECIMAL_WIDTH, DECIMAL_SCALE);
  },
});

const UPDATE_COLUMNS: readonly ChunkColumn<StagedUpdate>[] = [
  { type: BIGINT, value: (r) => BigInt(r.entry.update.sequence) },
  { type: VARCHAR, value: (r) => r.entry.update.idempotencyKey },
  { type: INTEGER, value: (r) => r.ref },
  decimalColumn((r) => r.entry.update.quantity),
  decimalColumn((r) => r.entry.update.averageCost),
  decimalColumn((r) => r.entry.update.marketPrice),
  decimalColumn((r) => r.entry.update.marketValue),
  decimalColumn((r) => r.entry.update.unrealizedPnl),
  decimalColumn((r) => r.entry.update.realizedPnl),
  { type: UTINYINT, value: (r) => SOURCE_CODE.get(r.entry.update.source) ?? null },
  {
    type: TIMESTAMPTZ,
    value: (r) => new DuckDBTimestampTZValue(BigInt(r.entry.update.brokerTime.getTime()) * 1000n),
  },
  { type: UTINYINT, value: (r) => (r.entry.event ? (CHANGE_CODE.get(r.entry.event.change) ?? null) : null) },
  { type: BOOLEAN, value: (r) => r.entry.event !== undefined },
  { type: BOOLEAN, value: (r) => r.current },
];

const CONTRACT_COLUMNS: readonly ChunkColumn<StagedContract>[] = [
  { type: INTEGER, value: (r) => r.ref },
  { type: VARCHAR, value: (r) => r.account },
  { type: BIGINT, value: (r) => BigInt(r.contract.conId) },
  { type: VARCHAR, value: (r) => r.contract.symbol },
  { type: VARCHAR, value: (r) => r.contract.secType },
  { type: VARCHAR, value: (r) => r.contract.currency },
  { type: VARCHAR, value: (r) => r.contract.localSymbol ?? null },
  { type: VARCHAR, value: (r) => r.contract.tradingClass ?? null },
  { type: VARCHAR, value: (r) => r.contract.exchange ?? null },
  { type: VARCHAR, value: (r) => r.contract.expiry ?? null },
  { type: DOUBLE, value: (r) => r.contract.strike ?? null },
  { type: VARCHAR, value: (r) => r.contract.right ?? null },
  { type: DOUBLE, value: (r) => r.contract.multiplier ?? null },
];

const CONTRACT_FIELDS =
  'symbol, sec_type, currency, local_symbol, trading_class, exchange, expiry, strike, option_right, multiplier';
const VALUATION_FIELDS = 'quantity, average_cost, market_price, market_value, unrealized_pnl, realized_pnl';
const prefixed = (alias: string, fields: string) =>
  fields
    .split(', ')
    .map((f) => `${alias}.${f}`)
    .join(', ');

const STAGING_TABLES = [
  `CREATE OR REPLACE TEMP TABLE staged_updates (
    sequence BIGINT, idempotency_key VARCHAR, ref INTEGER,
    quantity ${DECIMAL_SQL_TYPE}, average_cost ${DECIMAL_SQL_TYPE}, market_price ${DECIMAL_SQL_TYPE},
    market_value ${DECIMAL_SQL_TYPE}, unrealized_pnl ${DECIMAL_SQL_TYPE}, realized_pnl ${DECIMAL_SQL_TYPE},
    source UTINYINT, broker_time TIMESTAMPTZ, change UTINYINT, applied BOOLEAN, is_current BOOLEAN
  )`,
  `CREATE OR REPLACE TEMP TABLE staged_contracts (
    ref INTEGER, account VARCHAR, con_id BIGINT, symbol VARCHAR, sec_type VARCHAR, currency VARCHAR,
    local_symbol VARCHAR, trading_class VARCHAR, exchange VARCHAR, expiry VARCHAR, strike DOUBLE,
    option_right VARCHAR, multiplier DOUBLE
  )`,
];

/**
 * How a batch meets the idempotency key's unique index. `fresh`: a plain insert, which fails on
 * any key already stored. `replayed`: an anti-join through the index (ON CONFLICT DO NOTHING),
 * which skips stored keys but costs about twice as much per row. Nearly every batch is fresh (the
 * writer refuses recent duplicates itself), so a batch is tried fresh first and written again as
 * replayed only if the index refuses it.
 */
type HistoryInsert = 'fresh' | 'replayed';

function insertHistory(mode: HistoryInsert): string {
  return `
    INSERT INTO position_updates (sequence, idempotency_key, account, con_id, ${CONTRACT_FIELDS},
      ${VALUATION_FIELDS}, source, broker_time, written_at, change, applied)
    SELECT s.sequence, s.idempotency_key, c.account, c.con_id, ${prefixed('c', CONTRACT_FIELDS)},
      ${prefixed('s', VALUATION_FIELDS)}, ${sqlList(SOURCES)}[s.source], s.broker_time, $1,
      ${sqlList(CHANGES)}[s.change], s.applied
    FROM staged_updates s JOIN staged_contracts c USING (ref)
    ${mode === 'replayed' ? 'ON CONFLICT (idempotency_key) DO NOTHING' : ''}`;
}

const DUPLICATE_KEY = /Constraint Error: Duplicate key .*idempotency_key/s;

// Updates already stored under another sequence are replays, not news: they must not move the book.
const FORGET_REPLAYS = `
  DELETE FROM staged_updates WHERE idempotency_key IN (
    SELECT p.idempotency_key FROM position_updates p JOIN staged_updates s USING (idempotency_key)
    WHERE p.sequence <> s.sequence)`;

const CURRENT_FIELDS = `sequence, idempotency_key, ${CONTRACT_FIELDS}, ${VALUATION_FIELDS}, source, broker_time, written_at`;

/**
 * One row per key reaches the upsert: DuckDB keeps the FIRST of two conflicting rows in one
 * statement, so the batch must be collapsed to each key's winner beforehand. The guard keeps
 * last-write-wins against the stored row as well.
 */
function upsertCurrent(winners: 'flagged' | 'ranked'): string {
  const pick =
    winners === 'flagged'
      ? 'WHERE s.applied AND s.is_current'
      : `WHERE s.applied QUALIFY row_number() OVER (
           PARTITION BY c.account, c.con_id ORDER BY s.broker_time DESC, s.sequence DESC) = 1`;
  const assignments = CURRENT_FIELDS.split(', ')
    .map((f) => `${f} = excluded.${f}`)
    .join(', ');
  return `
    INSERT INTO positions_current (account, con_id, ${CURRENT_FIELDS})
    SELECT c.account, c.con_id, s.sequence, s.idempotency_key, ${prefixed('c', CONTRACT_FIELDS)},
      ${prefixed('s', VALUATION_FIELDS)}, ${sqlList(SOURCES)}[s.source], s.broker_time, $1
    FROM staged_updates s JOIN staged_contracts c USING (ref)
    ${pick}
    ON CONFLICT (account, con_id) DO UPDATE SET ${assignments}
    WHERE excluded.broker_time > positions_current.broker_time
       OR (excluded.broker_time = positions_current.broker_time AND excluded.sequence > positions_current.sequence)`;
}

/** Creates the connection's staging tables; call once per connection before {@link writeBatch}. */
export async function prepareBatchStaging(connection: DuckDBConnection): Promise<void> {
  for (const statement of STAGING_TABLES) await connection.run(statement);
}

/**
 * Writes one batch in one transaction: every update into the history (once per idempotency key),
 * and each key's winner into the current book. Throws (after rolling back) if anything fails; the
 * caller keeps the batch and may write it again.
 */
export async function writeBatch(
  connection: DuckDBConnection,
  batch: readonly BufferedUpdate[],
  writtenAt: Date,
): Promise<BatchOutcome> {
  const { updates, contracts } = await stage(batch);
  const attempt = (mode: HistoryInsert) =>
    inTransaction(connection, async () => {
      await connection.run('DELETE FROM staged_updates');
      await connection.run('DELETE FROM staged_contracts');
      await appendRows(connection, 'staged_updates', UPDATE_COLUMNS, updates, 'temp');
      await appendRows(connection, 'staged_contracts', CONTRACT_COLUMNS, contracts, 'temp');
      const at = instantValue(writtenAt);
      const inserted = (await connection.run(insertHistory(mode), [at])).rowsChanged;
      const alreadyStored = updates.length - inserted;
      if (alreadyStored > 0) await connection.run(FORGET_REPLAYS);
      await connection.run(upsertCurrent(alreadyStored > 0 ? 'ranked' : 'flagged'), [at]);
      return { inserted, alreadyStored };
    });
  try {
    return await attempt('fresh');
  } catch (error) {
    if (!(error instanceof Error && DUPLICATE_KEY.test(error.message))) throw error;
    return attempt('replayed');
  }
}

/**
 * Assigns contract rows and picks each key's winner; an idempotency key repeated within the batch
 * is kept once. Gives the event loop a turn every few thousand updates: a batch can be large.
 */
async function stage(batch: readonly BufferedUpdate[]) {
  const contracts: StagedContract[] = [];
  const refsByContent = new Map<string, number>();
  const refsByObject = new Map<Contract, { account: string; ref: number }>();
  const refOf = (account: string, contract: Contract): number => {
    const known = refsByObject.get(contract);
    if (known?.account === account) return known.ref;
    const content = contractContent(account, contract);
    let ref = refsByContent.get(content);
    if (ref === undefined) {
      ref = contracts.length;
      contracts.push({ ref, account, contract });
      refsByContent.set(content, ref);
    }
    refsByObject.set(contract, { account, ref });
    return ref;
  };

  const seenKeys = new Set<string>();
  const kept: BufferedUpdate[] = [];
  const lastApplied = new Map<string, BufferedUpdate>();
  const keyIds: string[] = [];
  for (let i = 0; i < batch.length; i++) {
    if (i > 0 && i % STAGE_SLICE === 0) await nextTurn();
    const entry = batch[i] as BufferedUpdate;
    if (seenKeys.has(entry.update.idempotencyKey)) continue;
    seenKeys.add(entry.update.idempotencyKey);
    const id = keyId(entry.update);
    kept.push(entry);
    keyIds.push(id);
    if (entry.event) lastApplied.set(id, entry);
  }
  const updates: StagedUpdate[] = [];
  for (let i = 0; i < kept.length; i++) {
    if (i > 0 && i % STAGE_SLICE === 0) await nextTurn();
    const entry = kept[i] as BufferedUpdate;
    updates.push({
      entry,
      ref: refOf(entry.update.account, entry.update.contract),
      current: lastApplied.get(keyIds[i] as string) === entry,
    });
  }
  return { updates, contracts };
}

const FIELD = '\u001f';
const STAGE_SLICE = 4096;

function contractContent(account: string, c: Contract): string {
  return [
    account,
    c.conId,
    c.symbol,
    c.secType,
    c.currency,
    c.localSymbol,
    c.tradingClass,
    c.exchange,
    c.expiry,
    c.strike,
    c.right,
    c.multiplier,
  ]
    .map((v) => (v === undefined ? '\u0000' : String(v)))
    .join(FIELD);
}
