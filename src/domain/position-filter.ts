import type { Position } from './position.js';

/** Which positions a reader wants; closed (zero) positions only when asked. */
export interface PositionFilter {
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
  readonly secType?: string | undefined;
  readonly includeClosed?: boolean | undefined;
}

export function matchesPositionFilter(position: Position, filter: PositionFilter = {}): boolean {
  if (!filter.includeClosed && position.quantity === 0) return false;
  if (filter.account !== undefined && position.account !== filter.account) return false;
  if (filter.symbol !== undefined && position.contract.symbol.toUpperCase() !== filter.symbol.toUpperCase()) {
    return false;
  }
  if (
    filter.secType !== undefined &&
    position.contract.secType.toUpperCase() !== filter.secType.toUpperCase()
  ) {
    return false;
  }
  return true;
}
