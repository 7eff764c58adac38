import { DomainError } from './errors.js';

/** Which security types are tracked; filtering happens before storing and before comparing. */
export interface SecurityTypeFilter {
  readonly all: boolean;
  readonly types: ReadonlySet<string>;
  matches(secType: string): boolean;
  /** The configuration form: `ALL` or a comma-separated list such as `OPT,FOP`. */
  toString(): string;
}

/**
 * The security types IB gives contracts (the TWS API's `secType`), as the client library lists
 * them, less `CONTFUT`: a continuous future exists only in market-data requests, never in a
 * position. A test keeps this list in step with the library's.
 */
export const IB_SECURITY_TYPES: readonly string[] = [
  'STK',
  'OPT',
  'FUT',
  'FOP',
  'CASH',
  'BOND',
  'CFD',
  'WAR',
  'IOPT',
  'FWD',
  'BAG',
  'IND',
  'BILL',
  'FUND',
  'FIXED',
  'SLB',
  'NEWS',
  'CMDTY',
  'BSK',
  'ICU',
  'ICS',
  'CRYPTO',
];

/** Parses `ALL` or a comma-separated list of IB security types (`OPT`, `STK,OPT`). */
export function parseSecurityTypes(text: string): SecurityTypeFilter {
  const items = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
  if (items.length === 0) {
    throw new DomainError('BAD_USER_INPUT', 'security types must be ALL or a list such as OPT,STK');
  }
  if (items.includes('ALL')) {
    return { all: true, types: new Set(), matches: () => true, toString: () => 'ALL' };
  }
  const bad = items.filter((s) => !IB_SECURITY_TYPES.includes(s));
  if (bad.length > 0) {
    const what = bad.length === 1 ? 'is not an IB security type' : 'are not IB security types';
    throw new DomainError(
      'BAD_USER_INPUT',
      `${bad.join(', ')} ${what}; use ALL, or a list of ${IB_SECURITY_TYPES.join(', ')} (e.g. OPT,FOP)`,
    );
  }
  const types = new Set(items);
  return {
    all: false,
    types,
    matches: (secType) => types.has(secType.toUpperCase()),
    toString: () => [...types].join(','),
  };
}
