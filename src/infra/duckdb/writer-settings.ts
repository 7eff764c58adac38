import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';

export interface PositionWriterOptions {
  /** How often buffered updates are written (default 3000 ms). */
  readonly flushIntervalMs?: number;
  /** A flush starts at once when this many updates wait, and writes at most this many per transaction. */
  readonly maxBatchSize?: number;
  /**
   * Past this many buffered updates (a long write outage), the buffer collapses to the latest
   * update per key: positions are never lost, intermediate price ticks may be.
   */
  readonly maxBufferedUpdates?: number;
  /** How many recent idempotency keys are remembered to refuse duplicates at once. */
  readonly rememberedKeys?: number;
  /** Defaults to the store's clock. */
  readonly clock?: Clock;
  /** Backoff between attempts after a failed write: doubles from `initialMs` up to `maxMs`. */
  readonly retry?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Called when an event listener throws; the update is stored regardless. */
  readonly onListenerError?: (error: unknown) => void;
}

export interface WriterSettings {
  readonly flushIntervalMs: number;
  readonly maxBatchSize: number;
  readonly maxBufferedUpdates: number;
  readonly rememberedKeys: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
}

export const WRITER_DEFAULTS: WriterSettings = {
  flushIntervalMs: 3000,
  maxBatchSize: 50_000,
  maxBufferedUpdates: 200_000,
  rememberedKeys: 100_000,
  retryInitialMs: 500,
  retryMaxMs: 30_000,
};

export function resolveWriterSettings(options: PositionWriterOptions): WriterSettings {
  const settings: WriterSettings = {
    flushIntervalMs: options.flushIntervalMs ?? WRITER_DEFAULTS.flushIntervalMs,
    maxBatchSize: options.maxBatchSize ?? WRITER_DEFAULTS.maxBatchSize,
    maxBufferedUpdates: options.maxBufferedUpdates ?? WRITER_DEFAULTS.maxBufferedUpdates,
    rememberedKeys: options.rememberedKeys ?? WRITER_DEFAULTS.rememberedKeys,
    retryInitialMs: options.retry?.initialMs ?? WRITER_DEFAULTS.retryInitialMs,
    retryMaxMs: options.retry?.maxMs ?? WRITER_DEFAULTS.retryMaxMs,
  };
  const problems = Object.entries(settings)
    .filter(([name, value]) => !Number.isInteger(value) || value < (name === 'rememberedKeys' ? 0 : 1))
    .map(([name, value]) => `${name} must be a positive integer, got ${value}`);
  if (settings.maxBufferedUpdates < settings.maxBatchSize) {
    problems.push(
      `maxBufferedUpdates (${settings.maxBufferedUpdates}) must be at least maxBatchSize (${settings.maxBatchSize})`,
    );
  }
  if (settings.retryMaxMs < settings.retryInitialMs)
    problems.push('retry.maxMs must be at least retry.initialMs');
  if (problems.length > 0) throw new DomainError('BAD_USER_INPUT', `position writer: ${problems.join('; ')}`);
  return settings;
}

/** The wait before the next attempt after `failures` consecutive failed writes. */
export function retryDelayMs(settings: WriterSettings, failures: number): number {
  return Math.min(settings.retryMaxMs, settings.retryInitialMs * 2 ** Math.max(0, failures - 1));
}
