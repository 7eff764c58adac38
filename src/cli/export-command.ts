import { parseArgs } from 'node:util';
import { exportPositions } from '../app/position-export.js';
import { DomainError } from '../domain/errors.js';
import { IN_MEMORY, openStore } from '../infra/duckdb/open-store.js';
import { EXPORT_CONTENTS, type ExportContent } from '../infra/duckdb/parquet-export.js';
import { StoreInUseError } from '../infra/duckdb/store-errors.js';
import { type CliIo, type Command, UsageError } from './cli-io.js';

export const DEFAULT_DB = './data/positions.duckdb';

const HELP = `Usage: position-sentinel export --out DIR [--db PATH] [--what history|book]

Writes the position history (default) or the current book as Parquet files partitioned by symbol
(Hive layout: DIR/symbol=SPY/data_0.parquet), readable by DuckDB, Polars, Spark and Trino.

Options:
  --out DIR        a new or empty folder for the files (required)
  --db PATH        the store file (default: $SENTINEL_DB, else ${DEFAULT_DB})
  --what CONTENT   history: every stored update; book: the open positions now
  -h, --help       print this help

The store must not be in use by another process. A running service exports its own store:
ask it with the exportPositions mutation (an admin key when it has keys), for example
  curl -s http://127.0.0.1:4000/graphql -H 'content-type: application/json' \\
    -d '{"query":"mutation { exportPositions(out: \\"exports/today\\") { folder rows symbols } }"}'
`;

/** What a person holding a busy file can do instead. */
const ASK_THE_SERVICE =
  'a running service exports its own store: ask it with the exportPositions mutation (see export --help)';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export the position history or book to Parquet, partitioned by symbol',
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const options = parseOptions(args);
    if (options === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const db = options.db ?? io.env.SENTINEL_DB ?? DEFAULT_DB;
    if (db === IN_MEMORY)
      throw new UsageError('--db must name a file: an in-memory store has nothing to export');

    let store: Awaited<ReturnType<typeof openStore>> | undefined;
    try {
      store = await openStore({ path: db, readOnly: true });
      const outcome = await exportPositions(store, { out: options.out, what: options.what });
      const noun = options.what === 'history' ? 'position updates' : 'open positions';
      io.stdout(
        `Exported ${outcome.rows.toLocaleString('en-US')} ${noun} (${plural(outcome.symbols, 'symbol')}) from ${db} to ` +
          `${options.out}, partitioned by symbol\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'BAD_USER_INPUT')
        throw new UsageError(error.message);
      if (error instanceof StoreInUseError) {
        io.stderr(`position-sentinel export: ${error.message}; ${ASK_THE_SERVICE}\n`);
        return 1;
      }
      if (error instanceof DomainError) {
        io.stderr(`position-sentinel export: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await store?.close();
    }
  },
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function parseOptions(args: readonly string[]): { out: string; db?: string; what: ExportContent } | 'help' {
  let values: {
    out?: string | undefined;
    db?: string | undefined;
    what?: string | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        db: { type: 'string' },
        what: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) return 'help';
  if (!values.out) throw new UsageError(`--out DIR is required\n\n${HELP}`);
  const what = values.what ?? 'history';
  if (!EXPORT_CONTENTS.includes(what as ExportContent)) {
    throw new UsageError(`--what must be history or book, not "${what}"`);
  }
  return {
    out: values.out,
    what: what as ExportContent,
    ...(values.db === undefined ? {} : { db: values.db }),
  };
}
