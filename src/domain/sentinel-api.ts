import type { Discrepancy } from './discrepancy.js';
import type { RecordedDiscrepancyEvent } from './discrepancy-event.js';
import type { DiscrepancyFilter } from './discrepancy-filter.js';
import type { Page, PageRequest } from './page.js';
import type { AlertDelivery, AlertDeliveryFilter } from './ports/alert-outbox-port.js';
import type { Position, PositionKey } from './position.js';
import type { PositionFilter } from './position-filter.js';
import type { PositionEvent } from './position-update.js';
import type { ReconciliationRun, SequencedRun } from './reconciliation-run.js';
import type { SystemStatus } from './system-status.js';

/**
 * The application interface: what the schema and the HTTP edge call, one method per operation (every
 * resolver is one call into one of these), in domain terms. Cursors
 * that are sequences stay numbers here; the schema encodes them for clients.
 */
export interface SentinelApi {
  readonly positions: {
    book(filter: PositionFilter): Promise<readonly Position[]>;
    position(key: PositionKey): Promise<Position | undefined>;
    asOf(at: Date, filter: PositionFilter): Promise<readonly Position[]>;
    history(key: PositionKey, page: PageRequest): Promise<Page<PositionEvent>>;
    /** When the last run whose complete snapshot agreed on the key finished; null if none did. */
    verifiedAt(key: PositionKey): Date | null;
    follow(
      after: number | undefined,
      filter: PositionFilter,
      cursor?: CursorTracker,
    ): AsyncIterable<PositionEvent>;
  };
  readonly broker: {
    book(filter: PositionFilter): readonly Position[];
  };
  readonly discrepancies: {
    list(filter: DiscrepancyFilter): Promise<readonly Discrepancy[]>;
    /** The list, and the sequence of the latest event it reflects: follow from there, nothing is missed. */
    listWithCursor(
      filter: DiscrepancyFilter,
    ): Promise<{ readonly discrepancies: readonly Discrepancy[]; readonly cursor: number }>;
    get(id: string): Promise<Discrepancy | undefined>;
    /** The key's active discrepancy, the most severe if several. */
    activeOf(key: PositionKey): Discrepancy | null;
    acknowledge(id: string, note: string | null): Promise<Discrepancy>;
    resolve(id: string, note: string | null): Promise<Discrepancy>;
    follow(
      after: number | undefined,
      filter: DiscrepancyFilter,
      cursor?: CursorTracker,
    ): AsyncIterable<RecordedDiscrepancyEvent>;
  };
  readonly reconciliation: {
    reconcile(): Promise<ReconciliationRun>;
    run(id: string): Promise<ReconciliationRun | undefined>;
    runs(page: PageRequest): Promise<Page<SequencedRun>>;
    latest(): Promise<ReconciliationRun | undefined>;
    discrepanciesOf(run: ReconciliationRun): Promise<readonly Discrepancy[]>;
    completed(): AsyncIterable<ReconciliationRun>;
  };
  readonly system: {
    status(): SystemStatus;
    changes(): AsyncIterable<SystemStatus>;
  };
  readonly alerts: {
    deliveries(filter: AlertDeliveryFilter): Promise<readonly AlertDelivery[]>;
    /** Queues a test alert for the route named (NOT_FOUND for a route not configured). */
    sendTest(routeId: string): Promise<AlertDelivery>;
  };
  readonly exports: {
    /** Writes the history or the book as Parquet into `out`, a new or empty folder. */
    parquet(request: { readonly out: string; readonly what: ExportContent }): Promise<ParquetExport>;
  };
}

/** `history`: every stored update. `book`: the open positions now. */
export type ExportContent = 'history' | 'book';

/** What an export wrote, and where. */
export interface ParquetExport {
  readonly folder: string;
  readonly what: ExportContent;
  readonly rows: number;
  readonly symbols: number;
}

/**
 * How the WebSocket layer steers a resumable subscription's source: it reads the sequence of the
 * last event yielded, and may ask for the missed events only (no live part), to join a resuming
 * subscriber to its live cohort without a gap or a duplicate.
 */
export interface CursorTracker {
  last: number | undefined;
  readonly replayOnly?: boolean;
}
