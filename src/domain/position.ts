import type { Contract } from './contract.js';

/** Where a stored position row came from. */
export type PositionSource = 'STREAM' | 'SNAPSHOT' | 'EXPIRY' | 'MANUAL';

/** A position is identified by account and conId, never by symbol alone. */
export interface PositionKey {
  readonly account: string;
  readonly conId: number;
}

/** The money fields the broker's portfolio feed adds to a position; absent when unknown. */
export interface PositionValuation {
  readonly averageCost?: number | undefined;
  readonly marketPrice?: number | undefined;
  readonly marketValue?: number | undefined;
  readonly unrealizedPnl?: number | undefined;
  readonly realizedPnl?: number | undefined;
}

/** The latest known state of one key. Quantity 0 means closed. */
export interface Position extends PositionKey, PositionValuation {
  readonly contract: Contract;
  readonly quantity: number;
  readonly updatedAt: Date;
  readonly source: PositionSource;
}

export function positionKey(account: string, conId: number): PositionKey {
  return { account, conId };
}

/** A stable string form of a key, for maps and sets. */
export function keyId(key: PositionKey): string {
  return `${key.account}:${key.conId}`;
}

/** Parses the output of {@link keyId}; returns undefined for anything else. */
export function parseKeyId(id: string): PositionKey | undefined {
  const at = id.lastIndexOf(':');
  if (at <= 0) return undefined;
  const conId = Number(id.slice(at + 1));
  if (!Number.isSafeInteger(conId)) return undefined;
  return { account: id.slice(0, at), conId };
}

export function isOpen(position: { readonly quantity: number }): boolean {
  return position.quantity !== 0;
}

export function compareKeys(a: PositionKey, b: PositionKey): number {
  if (a.account !== b.account) return a.account < b.account ? -1 : 1;
  return a.conId - b.conId;
}
