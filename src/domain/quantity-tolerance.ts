/**
 * How far two quantities may differ and still agree: within `absolute`, or within `relative`
 * times the larger magnitude, whichever is looser.
 */
export interface QuantityTolerance {
  readonly absolute: number;
  readonly relative: number;
}

export const DEFAULT_TOLERANCE: QuantityTolerance = { absolute: 1e-9, relative: 0 };

export function quantitiesAgree(a: number, b: number, tolerance: QuantityTolerance): boolean {
  const diff = Math.abs(a - b);
  if (diff <= tolerance.absolute) return true;
  return diff <= tolerance.relative * Math.max(Math.abs(a), Math.abs(b));
}
