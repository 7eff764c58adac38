/**
 * Quantities as whole numbers of 1e-10, the store's precision (DECIMAL(38,10)), so that sums of
 * decimal quantities are exact: 0.1 + 0.2 is 0.3 here, as the trader wrote it.
 */
const PLACES = 10;
const SCALE = 10n ** BigInt(PLACES);

export function toUnits(quantity: number): bigint {
  if (!Number.isFinite(quantity)) throw new RangeError(`${quantity} is not a quantity`);
  const text = quantity.toFixed(PLACES);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(PLACES, '0'));
  return negative ? -units : units;
}

export function fromUnits(units: bigint): number {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const fraction = (magnitude % SCALE).toString().padStart(PLACES, '0');
  return Number(`${negative ? '-' : ''}${magnitude / SCALE}.${fraction}`);
}
