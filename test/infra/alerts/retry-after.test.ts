import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/infra/alerts/retry-after.js';

const NOW = new Date('2026-11-25T15:00:00Z');

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates; a past date is no wait', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000);
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs('Wed, 25 Nov 2026 15:02:00 GMT', NOW)).toBe(120_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 14:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const v of [null, undefined, '', 'soon', '-5', '1.5'])
      expect(retryAfterMs(v, NOW), String(v)).toBeUndefined();
  });
});
