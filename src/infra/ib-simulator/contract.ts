/**
 * A contract as the simulated broker holds it. The simulator stands alone, as TWS does, so it
 * declares its own; the fields and their meaning are those the TWS API carries
 * (docs/ib-protocol.md §8), with the option right spelled out (`C`/`P` is the wire's business).
 */
export interface Contract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly currency: string;
  readonly localSymbol?: string | undefined;
  readonly tradingClass?: string | undefined;
  readonly exchange?: string | undefined;
  /** Last trading day as YYYYMMDD. */
  readonly expiry?: string | undefined;
  readonly strike?: number | undefined;
  readonly right?: OptionRight | undefined;
  readonly multiplier?: number | undefined;
}

export type OptionRight = 'CALL' | 'PUT';

/** Options on equities and indexes (`OPT`) and on futures (`FOP`). */
export function isOption(contract: Pick<Contract, 'secType'>): boolean {
  return contract.secType === 'OPT' || contract.secType === 'FOP';
}

/** For log lines: `SPY 2026-12-18 600 C` for an option, the symbol (and its type unless STK) otherwise. */
export function contractLabel(contract: Contract): string {
  if (!isOption(contract)) {
    return contract.secType === 'STK' ? contract.symbol : `${contract.symbol} ${contract.secType}`;
  }
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(contract.expiry ?? '');
  return [
    contract.symbol,
    date ? `${date[1]}-${date[2]}-${date[3]}` : undefined,
    contract.strike === undefined ? undefined : String(contract.strike),
    contract.right === undefined ? undefined : contract.right[0],
  ]
    .filter((part) => part !== undefined)
    .join(' ');
}
