import { type CatchUp, compareStartingList, instantText } from '../catch-up.js';
import type { FeedItem } from '../feed-item.js';
import type { LogPort } from '../ports/log-port.js';
import type { Position } from '../position.js';
import type { PositionUpdate } from '../position-update.js';
import type { ReconcileRules } from '../reconcile.js';

export interface FeedIngestParts {
  /** The store's book as it is now, buffered updates included. */
  readonly currentBook: () => Promise<readonly Position[]>;
  /** Hands one update to the writer (which applies it to its book at once). */
  readonly enqueue: (update: PositionUpdate) => void;
  /**
   * A new ingest sequence. Rows that waited (a starting list, updates behind it) take a new one
   * when stored: the writer accepts sequences only in increasing order, and rows the service
   * decides (EXPIRY, MANUAL) may have been stored meanwhile.
   */
  readonly nextSequence: () => number;
  /** Where a catch-up goes to be recorded by the next STARTUP or RECONNECT run. */
  readonly caughtUp: (catchUp: Promise<CatchUp>) => void;
  readonly rules: ReconcileRules;
  readonly log: LogPort;
  /** Told of every catch-up once compared (for metrics). */
  readonly onCatchUp?: ((catchUp: CatchUp) => void) | undefined;
}

/**
 * The one ordered step between the broker feed and the writer (docs/reconciliation-rules.md §12).
 * A live update goes to the writer at once. A starting list pauses the stream: the store's book as
 * it was is read and compared with the list, the list's rows are stored (so the store ends equal to
 * the broker), the comparison goes to the reconciliation service, and only then do the updates
 * that arrived meanwhile follow, in order.
 */
export class FeedIngest {
  readonly #p: FeedIngestParts;
  readonly #waiting: FeedItem[] = [];
  #paused: Promise<void> | undefined;

  constructor(parts: FeedIngestParts) {
    this.#p = parts;
  }

  accept(item: FeedItem): void {
    if (this.#paused !== undefined) {
      this.#waiting.push(item);
      return;
    }
    this.#handle(item, false);
  }

  /** Settles once nothing is paused (every starting list so far compared and stored). */
  async settled(): Promise<void> {
    while (this.#paused !== undefined) await this.#paused;
  }

  #handle(item: FeedItem, waited: boolean): void {
    if (item.kind === 'update') {
      this.#store(waited ? this.#restamp(item.update) : item.update);
      return;
    }
    let done!: (catchUp: CatchUp) => void;
    let failed!: (error: unknown) => void;
    const catchUp = new Promise<CatchUp>((resolve, reject) => {
      done = resolve;
      failed = reject;
    });
    // Handed over now, before the session event that starts the run is published.
    this.#p.caughtUp(catchUp);
    this.#paused = this.#p
      .currentBook()
      .then(
        (book) => {
          const result = compareStartingList(item.list, book, this.#p.rules);
          for (const row of item.list.rows) this.#store(this.#restamp(row));
          this.#logCatchUp(result);
          this.#p.onCatchUp?.(result);
          done(result);
        },
        (error: unknown) => {
          // The list is stored all the same: the store must follow the broker.
          for (const row of item.list.rows) this.#store(this.#restamp(row));
          failed(error);
        },
      )
      .finally(() => this.#resume());
  }

  #resume(): void {
    this.#paused = undefined;
    while (this.#paused === undefined) {
      const next = this.#waiting.shift();
      if (next === undefined) return;
      this.#handle(next, true);
    }
  }

  #restamp(update: PositionUpdate): PositionUpdate {
    return { ...update, sequence: this.#p.nextSequence() };
  }

  #store(update: PositionUpdate): void {
    try {
      this.#p.enqueue(update);
    } catch (error) {
      this.#p.log.error('the store refused an update from the broker', {
        error,
        account: update.account,
        conId: update.conId,
      });
    }
  }

  #logCatchUp(c: CatchUp): void {
    const fields = {
      cause: c.cause,
      at: instantText(c.at),
      rows: c.rowCount,
      changed: c.changed.length,
      loaded: c.loadedCount,
      ...(c.loadedAccounts.length > 0 ? { loadedAccounts: c.loadedAccounts } : {}),
    };
    if (c.changed.length > 0) {
      this.#p.log.warn(
        `catch-up: ${c.changed.length} position(s) changed while the store was behind`,
        fields,
      );
    } else if (c.loadedCount > 0) {
      this.#p.log.info(
        `catch-up: ${c.loadedCount} row(s) loaded for accounts the store held nothing for`,
        fields,
      );
    } else this.#p.log.info('catch-up: the store already held the starting list', fields);
  }
}
