import type { DuckDBConnection } from '@duckdb/node-api';
import { DomainError } from '../../domain/errors.js';
import { keyId } from '../../domain/position.js';
import {
  classifyChange,
  type PositionEvent,
  type PositionUpdate,
  supersedes,
} from '../../domain/position-update.js';
import { BatchFlusher, type FlushOutcome, type FlushStatus } from './batch-flusher.js';
import { prepareBatchStaging } from './batch-write.js';
import type { SqlParams } from './duckdb-sql.js';
import type { DuckDbStore } from './open-store.js';
import { recentIdempotencyKeys, storedCurrentBook, storedUpdateStats } from './position-queries.js';
import { PositionReadModel } from './position-read-model.js';
import { positionFromUpdate, type SequencedPosition } from './position-rows.js';
import { RecentKeys } from './recent-keys.js';
import { UpdateBuffer } from './update-buffer.js';
import { validatePositionUpdate } from './update-validation.js';
import { type PositionWriterOptions, resolveWriterSettings, type WriterSettings } from './writer-settings.js';

export interface PositionWriterStatus extends Omit<FlushStatus, 'alreadyStored'> {
  /** Updates accepted but not yet durable. */
  readonly bufferedUpdates: number;
  /** Intermediate updates dropped by buffer collapses (the latest of every key is always kept). */
  readonly collapsedUpdates: number;
  /** Updates accepted by `enqueue` since the writer started. */
  readonly receivedUpdates: number;
  /** Duplicates refused (at once, or by the store's unique key). */
  readonly duplicateUpdates: number;
}

type Listener = (event: PositionEvent) => void;

/**
 * The store's single writer: keeps the current book in memory, applies last-write-wins as updates
 * arrive, and hands them to a {@link BatchFlusher} that writes them in batches until they are
 * stored. Reads through it see buffered updates as stored.
 */
export class PositionWriter {
  /** The reads over this writer's book and buffer: buffered updates read as stored. */
  readonly readModel: PositionReadModel;
  readonly #store: DuckDbStore;
  readonly #settings: WriterSettings;
  readonly #flusher: BatchFlusher;
  readonly #onListenerError: (error: unknown) => void;
  readonly #buffer = new UpdateBuffer();
  readonly #book: Map<string, SequencedPosition>;
  readonly #seen: RecentKeys;
  readonly #listeners = new Set<Listener>();
  readonly #endListeners = new Set<() => void>();
  #lastSequence: number;
  #collapseAbove: number;
  #accepting = true;
  #closing: Promise<void> | undefined;
  #received = 0;
  #duplicates = 0;
  #collapsed = 0;

  private constructor(
    store: DuckDbStore,
    connection: DuckDBConnection,
    options: PositionWriterOptions,
    settings: WriterSettings,
    loaded: { book: SequencedPosition[]; count: number; lastSequence: number; keys: string[] },
  ) {
    this.#store = store;
    this.#settings = settings;
    this.#onListenerError =
      options.onListenerError ?? ((error) => console.error('position event listener failed:', error));
    this.#book = new Map(loaded.book.map((s) => [keyId(s.position), s]));
    this.#seen = new RecentKeys(settings.rememberedKeys + settings.maxBufferedUpdates);
    for (const key of loaded.keys) this.#seen.add(key);
    this.#lastSequence = loaded.lastSequence;
    this.#collapseAbove = settings.maxBufferedUpdates;
    this.readModel = new PositionReadModel(
      (sql, params) => store.read(sql, params),
      this.#buffer,
      this.#book,
      (onEvent, onEnd) => this.#subscribe(onEvent, onEnd),
    );
    this.#flusher = new BatchFlusher(
      connection,
      this.#buffer,
      options.clock ?? store.clock,
      settings,
      loaded.count,
    );
    store.attach(this);
    this.#flusher.start();
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
    this.#boundBuffer();
    this.#flusher.afterEnqueue();
    if (event) this.#emit(event);
    return event;
  }

  /** Resolves once every update enqueued before the call is stored; rejects if a write fails. */
  flush(): Promise<void> {
    return this.#flusher.flush();
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
    this.#flusher.stop();
    try {
      await this.#flusher.flush();
    } catch (error) {
      this.#closing = undefined;
      throw new DomainError(
        'STORE_UNAVAILABLE',
        `could not write ${this.#buffer.size} buffered position updates while closing; they are still buffered: ` +
          (error instanceof Error ? error.message : String(error)),
        { cause: error },
      );
    }
    for (const end of [...this.#endListeners]) end();
    this.#listeners.clear();
    this.#endListeners.clear();
    this.#store.detach(this);
  }

  status(): PositionWriterStatus {
    const { alreadyStored, ...flush } = this.#flusher.status();
    return {
      ...flush,
      bufferedUpdates: this.#buffer.size,
      collapsedUpdates: this.#collapsed,
      receivedUpdates: this.#received,
      duplicateUpdates: this.#duplicates + alreadyStored,
    };
  }

  /** Calls `listener` after every write attempt (for metrics); returns the unsubscribe. */
  onFlush(listener: (outcome: FlushOutcome) => void): () => void {
    return this.#flusher.onFlush(listener);
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

  /** The end of a follower's live subscription: the writer's listeners, until it closes. */
  #subscribe(onEvent: Listener, onEnd: () => void): () => void {
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
  }

  /** Past its limit the buffer collapses to the latest update per key; collapsing again waits for it to double. */
  #boundBuffer(): void {
    const limit = this.#settings.maxBufferedUpdates;
    if (this.#buffer.size <= limit) {
      this.#collapseAbove = limit;
      return;
    }
    if (this.#buffer.size <= this.#collapseAbove) return;
    this.#collapsed += this.#buffer.collapse();
    this.#collapseAbove = Math.max(limit, 2 * this.#buffer.size);
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
