import type { Contract } from './contract.js';
import type { PositionKey } from './position.js';

/** One row of a broker snapshot: what the broker holds for one key. Quantity 0 means not held. */
export interface BrokerPosition extends PositionKey {
  readonly contract: Contract;
  readonly quantity: number;
  readonly averageCost?: number | undefined;
}

/**
 * The broker's side of a reconciliation: either a snapshot that reached its end marker, or the
 * reason none could be taken. Only a complete snapshot is evidence of what the broker holds.
 */
export type BrokerView =
  | {
      readonly complete: true;
      readonly startedAt: Date;
      readonly completedAt: Date;
      readonly positions: readonly BrokerPosition[];
    }
  | { readonly complete: false; readonly reason: string };
