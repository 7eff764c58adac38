/**
 * Quantities and money are stored as DECIMAL(38,10): exact decimal arithmetic in SQL and in the
 * Parquet exports, 28 integer digits and 10 fractional ones (finer than any price tick or
 * fractional-share unit). The domain carries them as JS numbers, so the way in and out must not
 * go through binary floating-point arithmetic: a number is written as its shortest decimal form
 * (what `String(n)` prints, which reads back as the same double) and read back from DuckDB's
 * decimal text. Any number with at most 10 fractional digits round-trips exactly; finer digits are
 * rounded half away from zero, as DuckDB's own casts do.
 */
export const DECIMAL_WIDTH = 38;
export const DECIMAL_SCALE = 10;
export const DECIMAL_SQL_TYPE = `DECIMAL(${DECIMAL_WIDTH},${DECIMAL_SCALE})`;

const SCALE_FACTOR = 10n ** BigInt(DECIMAL_SCALE);
const MAGNITUDE_LIMIT = 10 ** (DECIMAL_WIDTH - DECIMAL_SCALE);
const FIVE = 53; // char code of '5'
const FAST_LIMIT = 1e5;
const FAST_FACTOR = 10 ** DECIMAL_SCALE;

/** True when `value` fits DECIMAL(38,10): finite and under 10^28 in magnitude. */
export function isStorableDecimal(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) < MAGNITUDE_LIMIT;
}

/** The DECIMAL(38,10) representation of `value`: value × 10^10 as an exact integer. */
export function toScaledDecimal(value: number): bigint {
  if (!isStorableDecimal(value)) {
    throw new RangeError(`${value} does not fit ${DECIMAL_SQL_TYPE}`);
  }
  if (Number.isSafeInteger(value)) return BigInt(value) * SCALE_FACTOR;
  // Below 10^5 doubles are closer together than 10^-10, so at most one integer n has n / 10^10
  // reading back as `value`: when it exists it is the shortest decimal form scaled, found without
  // going through text. (Checked against the text path below by a property test.)
  if (Math.abs(value) < FAST_LIMIT) {
    const scaled = Math.round(value * FAST_FACTOR);
    if (scaled / FAST_FACTOR === value) return BigInt(scaled);
  }
  return scaledFromText(value);
}

/** The reference conversion: through the shortest decimal text of `value`. */
export function scaledFromText(value: number): bigint {
  const text = String(value);
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const e = body.indexOf('e');
  const mantissa = e < 0 ? body : body.slice(0, e);
  const exponent = e < 0 ? 0 : Number(body.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const fractionDigits = dot < 0 ? 0 : mantissa.length - dot - 1;
  // value = digits × 10^(exponent − fractionDigits); scaled = value × 10^SCALE.
  const shift = exponent - fractionDigits + DECIMAL_SCALE;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const kept = digits.length + shift;
    scaled = kept > 0 ? BigInt(digits.slice(0, kept)) : 0n;
    if (kept >= 0 && digits.charCodeAt(kept) >= FIVE) scaled += 1n;
  }
  return negative ? -scaled : scaled;
}

/** Reads DuckDB's text form of a DECIMAL (`"1234.5000000000"`) as the nearest JS number. */
export function fromDecimalText(text: string): number {
  const value = Number(text);
  if (Number.isNaN(value)) throw new RangeError(`not a decimal: ${text}`);
  return value;
}
