import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatEnum,
  formatMoney,
  formatSignedMoney,
  formatSignedQuantity,
  formatSpan,
  NO_VALUE,
  signClass,
} from '../../src/web/format.js';

describe('how the page writes numbers', () => {
  it('writes money with two decimals and a sign where the sign is the point', () => {
    expect(formatMoney(-1234.5)).toBe('-1,234.50');
    expect(formatSignedMoney(400)).toBe('+400.00');
    expect(formatSignedMoney(-0.5)).toBe('-0.50');
    expect(formatSignedMoney(0)).toBe('0.00');
    expect(formatSignedQuantity(3)).toBe('+3');
    expect(formatMoney(null)).toBe(NO_VALUE);
    expect(formatSignedQuantity(undefined)).toBe(NO_VALUE);
  });

  it('writes durations as precisely as is useful', () => {
    expect([8.4, 1500, 59_000, 300_000, 150_000, 3_600_000, 5_400_000].map(formatDuration)).toEqual([
      '8 ms',
      '1.5 s',
      '59 s',
      '5 min',
      '2 min 30 s',
      '1 h',
      '1 h 30 min',
    ]);
    expect([-200, 2400, 125_000, 7_200_000].map(formatSpan)).toEqual(['0 s', '2 s', '2 min', '2 h']);
  });

  it('reads enums as words and colours only real gains and losses', () => {
    expect(formatEnum('POSITION_MISMATCH')).toBe('Position mismatch');
    expect([5, -5, 0, null].map(signClass)).toEqual(['gain', 'loss', '', '']);
  });
});
