import type { Clock } from '../domain/clock.js';

export const systemClock: Clock = {
  now: () => new Date(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
