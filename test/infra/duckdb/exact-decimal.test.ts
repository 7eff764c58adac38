import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromDecimalText,
  isStorableDecimal,
  scaledFromText,
  toScaledDecimal,
} from '../../../src/infra/duckdb/exact-decimal.js';

/** DuckDB's text form of a DECIMAL(38,10) holding `scaled`. */
function decimalText(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(11, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -10)}.${digits.slice(-10)}`;
}

describe('exact decimals', () => {
  it('writes the shortest decimal form of a number, not its binary expansion', () => {
    expect(toScaledDecimal(0.1)).toBe(1_000_000_000n);
    expect(toScaledDecimal(1234567.89)).toBe(12_345_678_900_000_000n);
    expect(toScaledDecimal(-2.5)).toBe(-25_000_000_000n);
    expect(toScaledDecimal(100)).toBe(1_000_000_000_000n);
    expect(toScaledDecimal(1e-7)).toBe(1000n);
    expect(toScaledDecimal(1e21)).toBe(10n ** 31n);
    expect(toScaledDecimal(-0)).toBe(0n);
  });

  it('rounds digits beyond the tenth half away from zero', () => {
    expect(toScaledDecimal(153.48666666666668)).toBe(1_534_866_666_667n);
    expect(toScaledDecimal(5e-11)).toBe(1n);
    expect(toScaledDecimal(-5e-11)).toBe(-1n);
    expect(toScaledDecimal(4e-11)).toBe(0n);
    expect(toScaledDecimal(1.5e-10)).toBe(2n);
    expect(toScaledDecimal(1e-300)).toBe(0n);
  });

  it('refuses what DECIMAL(38,10) cannot hold', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e28, -1e28, Number.MAX_VALUE]) {
      expect(isStorableDecimal(bad)).toBe(false);
      expect(() => toScaledDecimal(bad)).toThrow(RangeError);
    }
    expect(isStorableDecimal(9.999e27)).toBe(true);
  });

  it('round-trips every number with at most 10 fractional digits exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 10 }),
        (units, fractionDigits) => {
          const value = Number(`${units}e-${fractionDigits}`);
          expect(fromDecimalText(decimalText(toScaledDecimal(value)))).toBe(value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays within half a unit of the tenth decimal for any storable number', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (value) => {
        const back = fromDecimalText(decimalText(toScaledDecimal(value)));
        expect(Math.abs(back - value)).toBeLessThanOrEqual(0.5e-10 + Math.abs(value) * Number.EPSILON);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes its shortcut for small numbers only when it agrees with the text conversion', () => {
    const smallDecimals = fc
      .tuple(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.integer({ min: 0, max: 12 }))
      .map(([units, digits]) => Number(`${units}e-${digits}`))
      .filter((v) => Math.abs(v) < 1e5);
    fc.assert(
      fc.property(fc.oneof(smallDecimals, fc.double({ min: -1e5, max: 1e5, noNaN: true })), (value) => {
        expect(toScaledDecimal(value)).toBe(scaledFromText(value));
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects text that is not a decimal', () => {
    expect(fromDecimalText('-12.5000000000')).toBe(-12.5);
    expect(() => fromDecimalText('abc')).toThrow(RangeError);
  });
});
