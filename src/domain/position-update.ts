import type { Contract } from './contract.js';
import type { Position, PositionKey, PositionSource, PositionValuation } from './position.js';

/**
 * One observation of one key, as received (or, for EXPIRY and MANUAL, as decided). The history
 * table stores one row per update; the current book keeps the latest per key.
 */
export interface PositionUpdate extends PositionKey, PositionValuation {
  /** Ingest order: strictly increasing across the life of a store, restarts included. */
  readonly sequence: number;
  /** Writing the same update twice stores it once. */
  readonly idempotencyKey: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly source: PositionSource;
  /** When the update was observed from the broker (or decided): the order used by last-write-wins. */
  readonly brokerTime: Date;
}

/** What an update did to the current book, as subscribers see it. */
export type PositionChange = 'OPENED' | 'CHANGED' | 'CLOSED' | 'REFRESHED';

/**
 * Classifies an update against the quantity held before it: a new non-zero quantity opens, zero
 * closes, a different quantity changes, and the same quantity (a price or P&L tick) refreshes.
 */
export function classifyChange(previousQuantity: number | undefined, quantity: number): PositionChange {
  const wasOpen = previousQuantity !== undefined && previousQuantity !== 0;
  if (quantity === 0) return wasOpen ? 'CLOSED' : 'REFRESHED';
  if (!wasOpen) return 'OPENED';
  return previousQuantity === quantity ? 'REFRESHED' : 'CHANGED';
}

/** Last write wins by broker time, then by sequence. True when `candidate` supersedes `current`. */
export function supersedes(
  candidate: Pick<PositionUpdate, 'brokerTime' | 'sequence'>,
  current: Pick<PositionUpdate, 'brokerTime' | 'sequence'>,
): boolean {
  const dt = candidate.brokerTime.getTime() - current.brokerTime.getTime();
  return dt !== 0 ? dt > 0 : candidate.sequence > current.sequence;
}

/**
 * What subscribers of the position stream see: an applied update, the key's resulting position,
 * and its place in the stream. Updates that lose to a newer row (last-write-wins) are history
 * only and never events.
 */
export interface PositionEvent {
  /** The update's ingest sequence: the cursor a subscriber resumes after. */
  readonly sequence: number;
  readonly change: PositionChange;
  readonly position: Position;
  readonly at: Date;
}
