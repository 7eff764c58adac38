/** Whether an option gives the right to buy or to sell. */
export type OptionRight = 'CALL' | 'PUT';

/**
 * A tradable instrument as the broker describes it. `conId` is the broker's stable identifier:
 * symbols change on corporate actions, conIds do not.
 */
export interface Contract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly currency: string;
  readonly localSymbol?: string | undefined;
  readonly tradingClass?: string | undefined;
  readonly exchange?: string | undefined;
  /** Last trading day as YYYYMMDD (options and futures). */
  readonly expiry?: string | undefined;
  readonly strike?: number | undefined;
  readonly right?: OptionRight | undefined;
  readonly multiplier?: number | undefined;
}

const OPTION_SEC_TYPES = new Set(['OPT', 'FOP']);

export function isOption(contract: Pick<Contract, 'secType'>): boolean {
  return OPTION_SEC_TYPES.has(contract.secType);
}

/** The fields a readable name needs; API clients have nulls where the domain has undefined. */
export interface DescribableContract {
  readonly symbol: string;
  readonly secType: string;
  readonly expiry?: string | null | undefined;
  readonly strike?: number | null | undefined;
  readonly right?: OptionRight | null | undefined;
}

/** `SPY 2026-12-18 600 C` for options, the symbol (and type) otherwise. */
export function describeContract(contract: DescribableContract): string {
  if (!isOption(contract)) {
    return contract.secType === 'STK' ? contract.symbol : `${contract.symbol} ${contract.secType}`;
  }
  const parts = [contract.symbol];
  if (contract.expiry && /^\d{8}$/.test(contract.expiry)) {
    const e = contract.expiry;
    parts.push(`${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`);
  }
  if (contract.strike !== undefined && contract.strike !== null) parts.push(String(contract.strike));
  if (contract.right) parts.push(contract.right === 'CALL' ? 'C' : 'P');
  return parts.join(' ');
}
