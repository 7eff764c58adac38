/**
 * Numbers on the TWS wire are plain decimal text: `2`, `-3`, `0.5`, `512.34`. JavaScript's own
 * `String(n)` switches to exponent form below 1e-6 and from 1e21, which some clients cannot read,
 * so every number this server sends goes through here.
 */
export function formatWireNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be sent as a wire number`);
  if (Object.is(value, -0) || value === 0) return '0';
  const plain = String(value);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(plain);
  if (!exponent) return plain;
  // Move the decimal point of the shortest round-trip digits instead of printing the binary value.
  const [, sign = '', lead = '', rest = '', power = '0'] = exponent;
  const digits = lead + rest;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * An unset double, as TWS writes it: Java's text for Double.MAX_VALUE, the one number TWS sends in
 * exponent form. Clients read it back as "no value" (a commission report's realised P&L for an
 * execution that realised nothing, its yield for anything but a bond).
 */
export const UNSET_DOUBLE = '1.7976931348623157E308';

/**
 * A position quantity in the form the negotiated server version uses: integers before
 * FRACTIONAL_POSITIONS (101), decimals from it on.
 */
export function formatWireQuantity(quantity: number, integersOnly: boolean): string {
  if (!integersOnly) return formatWireNumber(quantity);
  if (!Number.isInteger(quantity)) {
    throw new RangeError(`fractional quantity ${quantity} needs server version 101 or later`);
  }
  return formatWireNumber(quantity);
}

/** Rounds money to the cent, as TWS shows values and P&L, without floating-point residue. */
export function roundToCent(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}
