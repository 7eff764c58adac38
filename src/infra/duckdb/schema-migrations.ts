import { DECIMAL_SQL_TYPE as DECIMAL } from './exact-decimal.js';

/** One step of the file's schema. Applied once, in order, each in its own transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Every field of a Contract, as the history, the book and the discrepancies store it. */
const CONTRACT_COLUMNS = `
  symbol VARCHAR NOT NULL,
  sec_type VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  local_symbol VARCHAR,
  trading_class VARCHAR,
  exchange VARCHAR,
  expiry VARCHAR,
  strike DOUBLE,
  option_right VARCHAR,
  multiplier DOUBLE`;

const VALUATION_COLUMNS = `
  quantity ${DECIMAL} NOT NULL,
  average_cost ${DECIMAL},
  market_price ${DECIMAL},
  market_value ${DECIMAL},
  unrealized_pnl ${DECIMAL},
  realized_pnl ${DECIMAL}`;

/** A discrepancy's state: stored as the current row and again with every event. */
const DISCREPANCY_STATE_COLUMNS = `
  account VARCHAR NOT NULL,
  con_id BIGINT NOT NULL,
  type VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  status VARCHAR NOT NULL,${CONTRACT_COLUMNS},
  broker_quantity ${DECIMAL},
  store_quantity ${DECIMAL},
  difference ${DECIMAL} NOT NULL,
  store_updated_at TIMESTAMPTZ,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  acknowledged_at TIMESTAMPTZ,
  resolved_at TIMESTAMPTZ,
  note VARCHAR,
  message VARCHAR NOT NULL`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'position history and current book',
    statements: [
      // Append-only: one row per received update, including those that lost last-write-wins
      // (applied = false, change NULL). No index but the idempotency key's: each index costs
      // every append, and sequence order is insertion order, which DuckDB's zone maps exploit.
      `CREATE TABLE position_updates (
        sequence BIGINT NOT NULL,
        idempotency_key VARCHAR NOT NULL UNIQUE,
        account VARCHAR NOT NULL,
        con_id BIGINT NOT NULL,${CONTRACT_COLUMNS},${VALUATION_COLUMNS},
        source VARCHAR NOT NULL,
        broker_time TIMESTAMPTZ NOT NULL,
        written_at TIMESTAMPTZ NOT NULL,
        change VARCHAR,
        applied BOOLEAN NOT NULL
      )`,
      // The latest applied update per key, kept in the same transaction as each batch, so reading
      // the book costs the number of positions, not the length of the history.
      `CREATE TABLE positions_current (
        account VARCHAR NOT NULL,
        con_id BIGINT NOT NULL,
        sequence BIGINT NOT NULL,
        idempotency_key VARCHAR NOT NULL,${CONTRACT_COLUMNS},${VALUATION_COLUMNS},
        source VARCHAR NOT NULL,
        broker_time TIMESTAMPTZ NOT NULL,
        written_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (account, con_id)
      )`,
    ],
  },
  {
    version: 2,
    name: 'reconciliation runs and discrepancies',
    statements: [
      `CREATE TABLE reconciliation_runs (
        id VARCHAR PRIMARY KEY,
        sequence BIGINT NOT NULL,
        trigger VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        started_at TIMESTAMPTZ NOT NULL,
        finished_at TIMESTAMPTZ NOT NULL,
        duration_ms DOUBLE NOT NULL,
        broker_position_count INTEGER NOT NULL,
        store_position_count INTEGER NOT NULL,
        discrepancy_count INTEGER NOT NULL,
        critical_count INTEGER NOT NULL,
        has_critical_issues BOOLEAN NOT NULL,
        missing_from_store_count INTEGER NOT NULL,
        naked_position_count INTEGER NOT NULL,
        position_mismatch_count INTEGER NOT NULL,
        stale_data_count INTEGER NOT NULL,
        expired_count INTEGER NOT NULL,
        deferred_count INTEGER NOT NULL,
        summary VARCHAR NOT NULL,
        error VARCHAR
      )`,
      `CREATE TABLE reconciliation_run_discrepancies (
        run_id VARCHAR NOT NULL,
        discrepancy_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        PRIMARY KEY (run_id, discrepancy_id)
      )`,
      `CREATE TABLE discrepancies (
        id VARCHAR PRIMARY KEY,${DISCREPANCY_STATE_COLUMNS},
        updated_sequence BIGINT NOT NULL
      )`,
      `CREATE TABLE discrepancy_events (
        sequence BIGINT PRIMARY KEY,
        discrepancy_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        occurred_at TIMESTAMPTZ NOT NULL,
        run_id VARCHAR,${DISCREPANCY_STATE_COLUMNS}
      )`,
    ],
  },
  {
    version: 3,
    name: 'catch-ups and per-key verification',
    statements: [
      // DuckDB adds no column with a constraint: the counts default to 0 and are always written.
      'ALTER TABLE reconciliation_runs ADD COLUMN caught_up_count INTEGER DEFAULT 0',
      'ALTER TABLE reconciliation_runs ADD COLUMN loaded_count INTEGER DEFAULT 0',
      // Added last, so both tables keep their earlier columns where they were.
      'ALTER TABLE discrepancies ADD COLUMN caught_up_at TIMESTAMPTZ',
      'ALTER TABLE discrepancy_events ADD COLUMN caught_up_at TIMESTAMPTZ',
      // The last run whose complete snapshot agreed on each key; written with the run.
      `CREATE TABLE position_verifications (
        account VARCHAR NOT NULL,
        con_id BIGINT NOT NULL,
        verified_at TIMESTAMPTZ NOT NULL,
        run_id VARCHAR NOT NULL,
        PRIMARY KEY (account, con_id)
      )`,
    ],
  },
  {
    version: 4,
    name: 'alert outbox',
    statements: [
      // One row per alert and route, written in the transaction of the change that causes it
      // (docs/decisions.md, alerts). The alert itself is kept whole as JSON: what the receiver is
      // sent after a restart is exactly what was planned. `ordinal` orders deliveries. No lease
      // column: one process opens a DuckDB file, so its worker's claims live in its memory.
      `CREATE TABLE alert_deliveries (
        id VARCHAR PRIMARY KEY,
        ordinal BIGINT NOT NULL,
        route_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        dedup_key VARCHAR NOT NULL,
        subject VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        opening BOOLEAN NOT NULL,
        alert VARCHAR NOT NULL,
        state VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TIMESTAMPTZ,
        last_error VARCHAR,
        finished_at TIMESTAMPTZ
      )`,
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
