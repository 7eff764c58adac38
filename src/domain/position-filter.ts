import type { Position } from './position.js';

/** Which positions a reader wants; closed (zero) positions only when asked. */
export interface PositionFilter {
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
  readonly secType?: string | undefined;
  readonly includeClosed?: boolean | undefined;
}

const same = (wanted: string | undefined, actual: string) =>
  wanted === undefined || wanted.toUpperCase() === actual.toUpperCase();

/** Text matches ignore case; closed positions are left out unless asked for. */
export function matchesPositionFilter(position: Position, filter: PositionFilter = {}): boolean {
  return (
    same(filter.account, position.account) &&
    same(filter.symbol, position.contract.symbol) &&
    same(filter.secType, position.contract.secType) &&
    (filter.includeClosed === true || position.quantity !== 0)
  );
}

/** The order books are returned in: by account, then symbol, then conId. */
export function compareBookOrder(a: Position, b: Position): number {
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  if (a.contract.symbol !== b.contract.symbol) return a.contract.symbol < b.contract.symbol ? -1 : 1;
  return a.conId - b.conId;
}
