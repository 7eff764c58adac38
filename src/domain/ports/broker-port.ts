import type { BrokerPosition } from '../broker-view.js';

export type BrokerState = 'DISCONNECTED' | 'CONNECTING' | 'CONNECTED' | 'READY';

/** A broker snapshot that reached its end marker. */
export interface CompleteSnapshot {
  readonly startedAt: Date;
  readonly completedAt: Date;
  readonly positions: readonly BrokerPosition[];
}

/**
 * Moments when the broker's data may have moved without the stream saying so: the first time the
 * feed is in sync after start (its starting list received, so the store holds it), the same after
 * a reconnect, and TWS reporting its own connectivity restored (1101 data lost, 1102 kept).
 */
export type BrokerSessionEvent =
  | { readonly kind: 'in-sync'; readonly first: boolean }
  | { readonly kind: 'restored'; readonly dataLost: boolean };

/** What the reconciliation service needs from the broker connection. */
export interface BrokerPort {
  /** A complete snapshot of every account, or a rejection with BrokerUnavailableError. */
  snapshot(): Promise<CompleteSnapshot>;
  /** The account whose portfolio feed refreshes every few minutes, once known. */
  portfolioAccount(): string | undefined;
  onSession(listener: (event: BrokerSessionEvent) => void): () => void;
}
