import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
} from '../../../src/domain/alerts/retry-schedule.js';

const POLICY: RetryPolicy = { initialDelayMs: 1000, maxDelayMs: 60_000, maxAgeMs: 600_000, jitter: 0.2 };
const middle = () => 0.5;

describe('retry schedule', () => {
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 6, 7, 8, 50].map((n) => backoffDelay(n, POLICY, middle))).toEqual([
      1000, 2000, 4000, 8000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('jitter spreads each delay within the fraction either way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const base = Math.min(POLICY.maxDelayMs, POLICY.initialDelayMs * 2 ** (Math.min(n, 40) - 1));
          const delay = backoffDelay(n, POLICY, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
        },
      ),
    );
  });

  it('retries after the delay, never past the deadline, and gives up at the deadline', () => {
    const created = new Date('2026-11-25T15:00:00Z');
    const at = (ms: number) => new Date(created.getTime() + ms);
    expect(afterFailure(created, at(1000), 4000, POLICY)).toEqual({ retry: true, at: at(5000) });
    expect(afterFailure(created, at(590_000), 60_000, POLICY)).toEqual({ retry: true, at: at(600_000) });
    const given = afterFailure(created, at(600_000), 1000, POLICY);
    expect(given.retry).toBe(false);
  });

  it('defaults: a second, doubling to five minutes, for a day', () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({
      initialDelayMs: 1000,
      maxDelayMs: 300_000,
      maxAgeMs: 86_400_000,
    });
  });
});
