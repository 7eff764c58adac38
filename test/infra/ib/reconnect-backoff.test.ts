import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, ReconnectBackoff } from '../../../src/infra/ib/reconnect-backoff.js';

describe('reconnect backoff', () => {
  it('doubles from 1 s to 30 s without jitter in the middle of its spread', () => {
    const backoff = new ReconnectBackoff(DEFAULT_BACKOFF, () => 0.5);
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoff.attempts).toBe(8);
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });

  it('keeps every jittered delay within [initial, max] and never below the previous base', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (initial, extra, jitter, randoms) => {
          const policy = { initialDelayMs: initial, maxDelayMs: initial + extra, jitter };
          let i = 0;
          const backoff = new ReconnectBackoff(policy, () => randoms[i++ % randoms.length]!);
          for (let n = 0; n < randoms.length; n++) {
            const delay = backoff.next();
            const base = Math.min(policy.maxDelayMs, initial * 2 ** n);
            expect(delay).toBeGreaterThanOrEqual(initial);
            expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
            expect(Math.abs(delay - base)).toBeLessThanOrEqual(base * jitter + 1);
          }
        },
      ),
    );
  });
});
