import { describeContract } from '../domain/contract.js';
import type { PositionPartsFragment } from './gql/graphql.js';

export interface AccountSummary {
  readonly account: string;
  readonly positions: number;
  /** Sum over the positions that have a market value; null when none has one. */
  readonly marketValue: number | null;
  readonly unrealizedPnl: number | null;
  /** Positions without market data: IB streams values for one account at a time. */
  readonly unpriced: number;
}

/** Totals per account, in the order the accounts first appear. */
export function summarizeByAccount(positions: readonly PositionPartsFragment[]): AccountSummary[] {
  const byAccount = new Map<
    string,
    { positions: number; value: number[]; pnl: number[]; unpriced: number }
  >();
  for (const p of positions) {
    const entry = byAccount.get(p.account) ?? { positions: 0, value: [], pnl: [], unpriced: 0 };
    entry.positions += 1;
    if (p.marketValue === null || p.marketValue === undefined) entry.unpriced += 1;
    else entry.value.push(p.marketValue);
    if (p.unrealizedPnl !== null && p.unrealizedPnl !== undefined) entry.pnl.push(p.unrealizedPnl);
    byAccount.set(p.account, entry);
  }
  return [...byAccount].map(([account, e]) => ({
    account,
    positions: e.positions,
    marketValue: e.value.length > 0 ? sumInCents(e.value) : null,
    unrealizedPnl: e.pnl.length > 0 ? sumInCents(e.pnl) : null,
    unpriced: e.unpriced,
  }));
}

/** Sums money in whole cents so a column of 500 values does not show a binary rounding tail. */
function sumInCents(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + Math.round(v * 100), 0) / 100;
}

/**
 * Whether a position matches what the person typed: every word must appear in the account, the
 * readable contract (`SPY 2026-12-18 600 C`) or the local symbol, ignoring case.
 */
export function matchesBookFilter(position: PositionPartsFragment, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    position.account,
    describeContract(position.contract),
    position.contract.localSymbol ?? '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}
