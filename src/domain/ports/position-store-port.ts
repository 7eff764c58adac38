import type { Position } from '../position.js';
import type { PositionEvent, PositionUpdate } from '../position-update.js';

/** What the reconciliation service needs from the position store and its writer. */
export interface PositionStorePort {
  /** The latest row per key, updates still waiting in the writer's buffer included. */
  currentBook(): Promise<readonly Position[]>;
  /** A new ingest sequence for a row the service decides (EXPIRY, MANUAL, healing). */
  nextSequence(): number;
  /** Stores rows the service decided and resolves once they are written. */
  append(updates: readonly PositionUpdate[]): Promise<void>;
  /** Every applied update, as it is applied: the stream activity behind the quiet window. */
  onEvent(listener: (event: PositionEvent) => void): () => void;
}
