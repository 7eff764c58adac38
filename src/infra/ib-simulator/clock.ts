/**
 * Time as the simulator sees it. The simulator stands alone, as TWS does, so it has its own clock
 * type; any object with these two methods drives it (the product's Clock has the same shape, so
 * one manual clock can drive a test's service and its simulated TWS together).
 */
export interface Clock {
  now(): Date;
  /** Runs `callback` once after `delayMs`; the pending timer never keeps the process alive. */
  schedule(delayMs: number, callback: () => void): Cancel;
}

/** Cancels a scheduled callback; calling it after the callback ran does nothing. */
export type Cancel = () => void;

/** The machine's own time, with timers that do not hold the process open. */
export const wallClock: Clock = {
  now: () => new Date(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
