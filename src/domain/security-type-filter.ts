import { DomainError } from './errors.js';

/** Which security types are tracked; filtering happens before storing and before comparing. */
export interface SecurityTypeFilter {
  readonly all: boolean;
  readonly types: ReadonlySet<string>;
  matches(secType: string): boolean;
  /** The configuration form: `ALL` or a comma-separated list such as `OPT,FOP`. */
  toString(): string;
}

const SEC_TYPE = /^[A-Z]{2,10}$/;

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
  const bad = items.filter((s) => !SEC_TYPE.test(s));
  if (bad.length > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `not a security type: ${bad.join(', ')} (use ALL or e.g. OPT,STK)`,
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
