import type { Contract } from '../contract.js';
import { formatWireNumber } from './wire-number.js';

/** A number field that may be unset: TWS leaves it empty (a stock's strike and multiplier). */
export function optionalNumber(value: number | undefined): string {
  return value === undefined ? '' : formatWireNumber(value);
}

/** TWS writes an option's right as `C` or `P`; clients drop anything else. */
export function rightCode(contract: Contract): string {
  if (contract.right === 'CALL') return 'C';
  if (contract.right === 'PUT') return 'P';
  return '';
}
