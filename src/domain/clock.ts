/** Cancels a scheduled callback; calling it after the callback ran does nothing. */
export type Cancel = () => void;

/**
 * Time as the services see it. Everything that waits or timestamps goes through a clock, so tests
 * move time forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
  /** Runs `callback` once after `delayMs`; the pending timer never keeps the process alive. */
  schedule(delayMs: number, callback: () => void): Cancel;
}
