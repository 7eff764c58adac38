import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Cancel, Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { keyId, type Position, type PositionKey } from '../../domain/position.js';
import {
  classifyChange,
  type PositionEvent,
  type PositionUpdate,
  supersedes,
} from '../../domain/position-update.js';
import { prepareBatchStaging, writeBatch } from './batch-write.js';
import {
  BufferedPositionReads,
  type HistoryPage,
  type HistoryPageRequest,
} from './buffered-position-reads.js';
import type { SqlParams } from './duckdb-sql.js';
import type { DuckDbStore } from './open-store.js';
import type { PositionFilter } from './position-filter.js';
import { type FollowOptions, PositionEventStream } from './position-follow.js';
import { recentIdempotencyKeys, storedCurrentBook, storedUpdateStats } from './position-queries.js';
import { positionFromUpdate, type SequencedPosition } from './position-rows.js';
import { RecentKeys } from './recent-keys.js';
import { UpdateBuffer } from './update-buffer.js';
import { validatePositionUpdate } from './update-validation.js';
import {
  type PositionWriterOptions,
  resolveWriterSettings,
  retryDelayMs,
  type WriterSettings,
} from './writer-settings.js';

export interface PositionWriterStatus {
  /** Updates accepted but not yet durable. */
  readonly bufferedUpdates: number;
  readonly lastFlushAt: Date | null;
  /** Updates stored in the history (the whole file, not only this run). */
  readonly totalUpdates: number;
  /** Why the last write failed; null once a write succeeds again. */
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly nextRetryAt: Date | null;
  /** Intermediate updates dropped by buffer collapses (the latest of every key is always kept). */
  readonly collapsedUpdates: number;
  readonly flushCount: number;
  readonly lastFlushDurationMs: number | null;
  /** Updates accepted by `enqueue` since the writer started. */
  readonly receivedUpdates: number;
  /** Duplicates refused (at once, or by the store's unique key). */
  readonly duplicateUpdates: number;
}

type Listener = (event: PositionEvent) => void;

/**
 * The store's single writer: keeps the current book in memory, applies last-write-wins as updates
 * arrive, and writes them in batches (on an interval, or at once when a batch fills), one
 * transaction each, retrying with backoff until they are stored. Reads through it see buffered
 * updates as stored.
 */
export class PositionWriter {
  readonly #store: DuckDbStore;
  readonly #connection: DuckDBConnection;
  readonly #clock: Clock;
  readonly #settings: WriterSettings;
  readonly #onListenerError: (error: unknown) => void;
  readonly #buffer = new UpdateBuffer();
  readonly #book: Map<string, SequencedPosition>;
  readonly #seen: RecentKeys;
  readonly #reads: BufferedPositionReads;
  readonly #listeners = new Set<Listener>();
  readonly #endListeners = new Set<() => void>();
  #lastSequence: number;
  #serial: Promise<unknown> = Promise.resolve();
  #cancelTimer: Cancel | undefined;
  #sizeFlushRunning = false;
  #collapseAbove: number;
  #accepting = true;
  #closing: Promise<void> | undefined;
  #failures = 0;
  #nextRetryAt: Date | null = null;
  #totalUpdates: number;
  #received = 0;
  #duplicates = 0;
  #collapsed = 0;
  #flushCount = 0;
  #lastFlushAt: Date | null = null;
  #lastFlushDurationMs: number | null = null;
  #lastError: string | null = null;

  private constructor(
    store: DuckDbStore,
    connection: DuckDBConnection,
    options: PositionWriterOptions,
    settings: WriterSettings,
    loaded: { book: SequencedPosition[]; count: number; lastSequence: number; keys: string[] },
  ) {
    this.#store = store;
    this.#connection = connection;
    this.#clock = options.clock ?? store.clock;
    this.#settings = settings;
    this.#onListenerError =
      options.onListenerError ?? ((error) => console.error('position event listener failed:', error));
    this.#book = new Map(loaded.book.map((s) => [keyId(s.position), s]));
    this.#seen = new RecentKeys(settings.rememberedKeys + settings.maxBufferedUpdates);
    for (const key of loaded.keys) this.#seen.add(key);
    this.#totalUpdates = loaded.count;
    this.#lastSequence = loaded.lastSequence;
    this.#collapseAbove = settings.maxBufferedUpdates;
    this.#reads = new BufferedPositionReads(
      (sql, params) => this.#store.read(sql, params),
      this.#buffer,
      this.#book,
    );
    store.attach(this);
    this.#schedule(settings.flushIntervalMs);
  }

  /** Loads the current book and recent idempotency keys, then starts the flush timer. */
  static async open(store: DuckDbStore, options: PositionWriterOptions = {}): Promise<PositionWriter> {
    const settings = resolveWriterSettings(options);
    store.assertAttachable();
    const read = (sql: string, params?: SqlParams) => store.read(sql, params);
    const book = await storedCurrentBook(read);
    const { count, lastSequence } = await storedUpdateStats(read);
    const keys = await recentIdempotencyKeys(read, settings.rememberedKeys);
    const connection = await store.connect();
    await prepareBatchStaging(connection);
    return new PositionWriter(store, connection, options, settings, { book, count, lastSequence, keys });
  }

  /**
   * Accepts one update. Returns its event, or undefined when it is a duplicate (its idempotency
   * key was already seen) or lost last-write-wins to a newer row (it is still kept in history).
   * Throws, keeping nothing, for an update that could not be stored or arrives out of order:
   * stamp each update with `store.nextSequence()` just before enqueueing it.
   */
  enqueue(update: PositionUpdate): PositionEvent | undefined {
    if (!this.#accepting) throw new DomainError('STORE_UNAVAILABLE', 'the position writer is closed');
    validatePositionUpdate(update);
    if (this.#seen.has(update.idempotencyKey)) {
      this.#duplicates += 1;
      return undefined;
    }
    if (update.sequence <= this.#lastSequence) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `position update ${update.idempotencyKey} has sequence ${update.sequence}, not after the last accepted ` +
          `${this.#lastSequence}: stamp updates with store.nextSequence() just before enqueueing them`,
      );
    }
    this.#lastSequence = update.sequence;
    this.#seen.add(update.idempotencyKey);
    this.#received += 1;

    const id = keyId(update);
    const current = this.#book.get(id);
    const applied =
      !current || supersedes(update, { brokerTime: current.position.updatedAt, sequence: current.sequence });
    let event: PositionEvent | undefined;
    if (applied) {
      const position = positionFromUpdate(update);
      event = {
        sequence: update.sequence,
        change: classifyChange(current?.position.quantity, update.quantity),
        position,
        at: update.brokerTime,
      };
      this.#book.set(id, { position, sequence: update.sequence });
    }
    this.#buffer.push({ update, event, previousQuantity: applied ? current?.position.quantity : undefined });
    if (this.#buffer.size > this.#collapseAbove) this.#collapse();
    this.#flushIfFull();
    if (event) this.#emit(event);
    return event;
  }

  /** Resolves once every update enqueued before the call is stored; rejects if a write fails. */
  async flush(): Promise<void> {
    const target = this.#buffer.lastSequence;
    if (target === undefined) return;
    while (this.#buffer.holdsUpTo(target)) await this.#serially(() => this.#writeOnce());
  }

  /**
   * Stops accepting updates and the timer, writes everything buffered, and ends every follower.
   * If that last write fails, the updates stay buffered and close() may be called again.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#accepting = false;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    try {
      await this.flush();
    } catch (error) {
      this.#closing = undefined;
      throw new DomainError(
        'STORE_UNAVAILABLE',
        `could not write ${this.#buffer.size} buffered position updates while closing; they are still buffered: ${describe(error)}`,
        { cause: error },
      );
    }
    for (const end of [...this.#endListeners]) end();
    this.#listeners.clear();
    this.#endListeners.clear();
    this.#store.detach(this);
  }

  status(): PositionWriterStatus {
    return {
      bufferedUpdates: this.#buffer.size,
      lastFlushAt: this.#lastFlushAt,
      totalUpdates: this.#totalUpdates,
      lastError: this.#lastError,
      consecutiveFailures: this.#failures,
      nextRetryAt: this.#nextRetryAt,
      collapsedUpdates: this.#collapsed,
      flushCount: this.#flushCount,
      lastFlushDurationMs: this.#lastFlushDurationMs,
      receivedUpdates: this.#received,
      duplicateUpdates: this.#duplicates,
    };
  }

  /** Calls `listener` with every event `enqueue` returns; returns the unsubscribe. */
  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Listeners currently registered (each follower holds one). */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** A resumable stream of events: replays those after `after` (file and buffer), then goes live. */
  follow(options: FollowOptions = {}): AsyncIterableIterator<PositionEvent> {
    return new PositionEventStream(
      {
        subscribe: (onEvent, onEnd) => {
          if (!this.#accepting) {
            queueMicrotask(onEnd);
            return () => undefined;
          }
          this.#listeners.add(onEvent);
          this.#endListeners.add(onEnd);
          return () => {
            this.#listeners.delete(onEvent);
            this.#endListeners.delete(onEnd);
          };
        },
        eventsAfter: (after, limit) => this.eventsAfter(after, limit),
      },
      options,
    );
  }

  positions(filter?: PositionFilter): Position[] {
    return this.#reads.positions(filter);
  }

  position(key: PositionKey): Position | undefined {
    return this.#reads.position(key);
  }

  positionsAsOf(at: Date, filter?: PositionFilter): Promise<Position[]> {
    return this.#reads.positionsAsOf(at, filter);
  }

  history(key: PositionKey, page: HistoryPageRequest): Promise<HistoryPage> {
    return this.#reads.history(key, page);
  }

  eventsAfter(after: number, limit?: number): Promise<PositionEvent[]> {
    return this.#reads.eventsAfter(after, limit);
  }

  async #writeOnce(): Promise<void> {
    const batch = this.#buffer.takeBatch(this.#settings.maxBatchSize);
    if (batch.length === 0) return this.#buffer.releaseBatch();
    const started = performance.now();
    try {
      const outcome = await writeBatch(this.#connection, batch, this.#clock.now());
      this.#buffer.settleBatch();
      this.#totalUpdates += outcome.inserted;
      this.#duplicates += outcome.alreadyStored;
      this.#flushCount += 1;
      this.#lastFlushAt = this.#clock.now();
      this.#lastFlushDurationMs = performance.now() - started;
      this.#lastError = null;
      if (this.#buffer.size <= this.#settings.maxBufferedUpdates)
        this.#collapseAbove = this.#settings.maxBufferedUpdates;
      if (this.#failures > 0) {
        this.#failures = 0;
        this.#nextRetryAt = null;
        this.#schedule(this.#settings.flushIntervalMs);
      }
    } catch (error) {
      this.#buffer.releaseBatch();
      this.#failures += 1;
      this.#lastError = describe(error);
      const delay = retryDelayMs(this.#settings, this.#failures);
      this.#nextRetryAt = this.#accepting ? new Date(this.#clock.now().getTime() + delay) : null;
      this.#schedule(delay);
      throw new DomainError(
        'STORE_UNAVAILABLE',
        `could not write ${batch.length} position updates (kept for a retry): ${this.#lastError}`,
        { cause: error },
      );
    }
  }

  /** Writes run one at a time on the writer's connection, which holds their transaction. */
  #serially(task: () => Promise<void>): Promise<void> {
    const run = this.#serial.then(task, task);
    this.#serial = run.catch(() => undefined);
    return run;
  }

  #schedule(delayMs: number): void {
    this.#cancelTimer?.();
    this.#cancelTimer = this.#accepting ? this.#clock.schedule(delayMs, () => this.#onTimer()) : undefined;
  }

  #onTimer(): void {
    this.#cancelTimer = undefined;
    this.flush().then(
      () => this.#schedule(this.#settings.flushIntervalMs),
      // The failed write recorded its error and scheduled its retry.
      () => undefined,
    );
  }

  #flushIfFull(): void {
    const full = () =>
      this.#accepting && this.#failures === 0 && this.#buffer.pendingCount >= this.#settings.maxBatchSize;
    if (this.#sizeFlushRunning || !full()) return;
    this.#sizeFlushRunning = true;
    const drain = async () => {
      while (full()) await this.#serially(() => this.#writeOnce());
    };
    drain()
      .catch(() => undefined)
      .finally(() => {
        this.#sizeFlushRunning = false;
      });
  }

  #collapse(): void {
    this.#collapsed += this.#buffer.collapse();
    this.#collapseAbove = Math.max(this.#settings.maxBufferedUpdates, 2 * this.#buffer.size);
  }

  #emit(event: PositionEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}

/** Opens the store's writer (one per store). */
export function createPositionWriter(
  store: DuckDbStore,
  options?: PositionWriterOptions,
): Promise<PositionWriter> {
  return PositionWriter.open(store, options);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
