import type { Contract } from '../../src/domain/contract.js';
import { openStore } from '../../src/infra/duckdb/open-store.js';
import { option } from '../../test/support/contracts.js';

/** The accounts the book is spread over: the simulator's two default paper accounts. */
const ACCOUNTS = ['DU111111', 'DU222222'] as const;
const FIRST_CON_ID = 2_000_000;
const START_TEXT = '2026-11-02 14:30:00+00';

export interface BookKey {
  readonly account: string;
  readonly contract: Contract;
  /** The quantity the key ends the history with: what the broker holds. */
  readonly quantity: number;
}

/** Position k of a book of options over two accounts. The SQL below builds the same fields. */
export function bookKey(k: number): BookKey {
  const right = Math.floor(k / 500) % 2 === 0 ? 'CALL' : 'PUT';
  return {
    account: ACCOUNTS[k % 2] as string,
    contract: option(FIRST_CON_ID + k, 'SPY', '20271217', 300 + (k % 500), right),
    quantity: 1 + (k % 5),
  };
}

/**
 * A store file whose history holds `rows` updates over `keys` positions (each key updated
 * rows / keys times, the last time to its bookKey quantity) and whose current book is the last
 * row of each key, as the writer would have left them. Built with two INSERT … SELECT statements
 * into the store's own tables: seconds instead of the minutes a real feed would take.
 */
export async function buildHistoryFile(path: string, keys: number, rows: number): Promise<void> {
  if (rows % keys !== 0) throw new Error('rows must be a multiple of keys');
  const store = await openStore({ path });
  try {
    const connection = await store.connect();
    const lastRound = rows - keys;
    await connection.run(`
      INSERT INTO position_updates
      SELECT
        i + 1, 'bench:' || i,
        CASE WHEN k % 2 = 0 THEN '${ACCOUNTS[0]}' ELSE '${ACCOUNTS[1]}' END,
        ${FIRST_CON_ID} + k,
        'SPY', 'OPT', 'USD',
        'SPY   271217' || right_letter || lpad(CAST((300 + k % 500) * 1000 AS VARCHAR), 8, '0'),
        'SPY', 'SMART', '20271217', 300 + k % 500, CASE WHEN right_letter = 'C' THEN 'CALL' ELSE 'PUT' END, 100,
        quantity, 512.34, 4.5, quantity * 450, quantity * 450 - quantity * 512.34, 0,
        'STREAM',
        TIMESTAMPTZ '${START_TEXT}' + to_milliseconds(i),
        TIMESTAMPTZ '${START_TEXT}' + to_milliseconds(i + 2000),
        CASE WHEN i < ${keys} THEN 'OPENED' ELSE 'CHANGED' END,
        true
      FROM (
        SELECT
          range AS i,
          range % ${keys} AS k,
          CASE WHEN (range % ${keys}) // 500 % 2 = 0 THEN 'C' ELSE 'P' END AS right_letter,
          CASE WHEN range >= ${lastRound} THEN 1 + range % ${keys} % 5
               ELSE 1 + (range % ${keys} + range // ${keys}) % 7 END AS quantity
        FROM range(${rows})
      )`);
    await connection.run(`
      INSERT INTO positions_current
      SELECT account, con_id, sequence, idempotency_key, symbol, sec_type, currency, local_symbol,
             trading_class, exchange, expiry, strike, option_right, multiplier, quantity, average_cost,
             market_price, market_value, unrealized_pnl, realized_pnl, source, broker_time, written_at
      FROM position_updates WHERE sequence > ${lastRound}`);
    await connection.run('CHECKPOINT');
  } finally {
    await store.close();
  }
}
