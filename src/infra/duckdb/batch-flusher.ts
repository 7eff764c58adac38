import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Cancel, Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { writeBatch } from './batch-write.js';
import type { UpdateBuffer } from './update-buffer.js';
import { describeWriteFailure } from './write-failure.js';
import { retryDelayMs, type WriterSettings } from './writer-settings.js';

export interface FlushStatus {
  readonly lastFlushAt: Date | null;
  readonly lastFlushDurationMs: number | null;
  readonly flushCount: number;
  /** Why the last write failed; null once a write succeeds again. */
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly nextRetryAt: Date | null;
  /** Updates stored in the history (the whole file, not only this run). */
  readonly totalUpdates: number;
  /** Updates the store's unique key found already stored. */
  readonly alreadyStored: number;
}

/** One write attempt, as metrics see it. */
export interface FlushOutcome {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly updates: number;
}

/**
 * Decides when buffered updates are written and writes them: every `flushIntervalMs` on the
 * clock, at once when a batch fills, and on demand; one batch per transaction, one transaction at
 * a time. After a failure the batch stays buffered and the next attempt waits a doubling backoff.
 */
export class BatchFlusher {
  readonly #connection: DuckDBConnection;
  readonly #buffer: UpdateBuffer;
  readonly #clock: Clock;
  readonly #settings: WriterSettings;
  #serial: Promise<unknown> = Promise.resolve();
  #cancelTimer: Cancel | undefined;
  #sizeFlushRunning = false;
  #running = false;
  #failures = 0;
  #nextRetryAt: Date | null = null;
  #lastError: string | null = null;
  #flushCount = 0;
  #lastFlushAt: Date | null = null;
  #lastFlushDurationMs: number | null = null;
  #totalUpdates: number;
  #alreadyStored = 0;
  readonly #flushListeners = new Set<(outcome: FlushOutcome) => void>();

  constructor(
    connection: DuckDBConnection,
    buffer: UpdateBuffer,
    clock: Clock,
    settings: WriterSettings,
    storedUpdates: number,
  ) {
    this.#connection = connection;
    this.#buffer = buffer;
    this.#clock = clock;
    this.#settings = settings;
    this.#totalUpdates = storedUpdates;
  }

  /** Starts the interval timer. */
  start(): void {
    this.#running = true;
    this.#schedule(this.#settings.flushIntervalMs);
  }

  /** No more timers or automatic flushes; `flush()` still works. */
  stop(): void {
    this.#running = false;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#nextRetryAt = null;
  }

  /** Resolves once every update buffered before the call is stored; rejects if a write fails. */
  async flush(): Promise<void> {
    const target = this.#buffer.lastSequence;
    if (target === undefined) return;
    while (this.#buffer.holdsUpTo(target)) await this.#serially(() => this.#writeOnce());
  }

  /** Call after each enqueue: starts writing at once when a full batch waits (unless backing off). */
  afterEnqueue(): void {
    const full = () =>
      this.#running && this.#failures === 0 && this.#buffer.pendingCount >= this.#settings.maxBatchSize;
    if (this.#sizeFlushRunning || !full()) return;
    this.#sizeFlushRunning = true;
    const drain = async () => {
      while (full()) await this.#serially(() => this.#writeOnce());
    };
    drain()
      // A failed write has recorded its error and scheduled its retry.
      .catch(() => undefined)
      .finally(() => {
        this.#sizeFlushRunning = false;
      });
  }

  /** Calls `listener` after every write attempt, successful or not; returns the unsubscribe. */
  onFlush(listener: (outcome: FlushOutcome) => void): () => void {
    this.#flushListeners.add(listener);
    return () => this.#flushListeners.delete(listener);
  }

  status(): FlushStatus {
    return {
      lastFlushAt: this.#lastFlushAt,
      lastFlushDurationMs: this.#lastFlushDurationMs,
      flushCount: this.#flushCount,
      lastError: this.#lastError,
      consecutiveFailures: this.#failures,
      nextRetryAt: this.#nextRetryAt,
      totalUpdates: this.#totalUpdates,
      alreadyStored: this.#alreadyStored,
    };
  }

  async #writeOnce(): Promise<void> {
    const batch = this.#buffer.takeBatch(this.#settings.maxBatchSize);
    if (batch.length === 0) return this.#buffer.releaseBatch();
    const started = performance.now();
    try {
      const outcome = await writeBatch(this.#connection, batch, this.#clock.now());
      this.#buffer.settleBatch();
      this.#totalUpdates += outcome.inserted;
      this.#alreadyStored += outcome.alreadyStored;
      this.#flushCount += 1;
      this.#lastFlushAt = this.#clock.now();
      this.#lastFlushDurationMs = performance.now() - started;
      this.#lastError = null;
      this.#notify({ ok: true, durationMs: this.#lastFlushDurationMs, updates: batch.length });
      if (this.#failures > 0) {
        this.#failures = 0;
        this.#nextRetryAt = null;
        this.#schedule(this.#settings.flushIntervalMs);
      }
    } catch (error) {
      this.#buffer.releaseBatch();
      this.#failures += 1;
      this.#notify({ ok: false, durationMs: performance.now() - started, updates: batch.length });
      this.#lastError = describeWriteFailure(error);
      const delay = retryDelayMs(this.#settings, this.#failures);
      this.#nextRetryAt = this.#running ? new Date(this.#clock.now().getTime() + delay) : null;
      this.#schedule(delay);
      throw new DomainError(
        'STORE_UNAVAILABLE',
        `could not write ${batch.length} position updates (kept for a retry): ${this.#lastError}`,
        { cause: error },
      );
    }
  }

  #notify(outcome: FlushOutcome): void {
    for (const listener of this.#flushListeners) {
      try {
        listener(outcome);
      } catch {
        // An observer of writes must never fail the write it observes.
      }
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
    this.#cancelTimer = this.#running ? this.#clock.schedule(delayMs, () => this.#onTimer()) : undefined;
  }

  #onTimer(): void {
    this.#cancelTimer = undefined;
    this.flush().then(
      () => this.#schedule(this.#settings.flushIntervalMs),
      // The failed write has recorded its error and scheduled its retry.
      () => undefined,
    );
  }
}
