import type { IBApi } from '@stoqey/ib';
import type { BrokerState } from '../../domain/ports/broker-port.js';

/**
 * The contract between the connection (one IBApi socket after another) and the parts of the
 * position feed that live on it: what they may ask of it.
 */

export interface BrokerStateChange {
  readonly state: BrokerState;
  readonly previous: BrokerState;
  readonly at: Date;
}

/** A TWS notice that its own link to IB is down (1100, 2110): its data cannot be trusted. */
export interface ConnectivityLoss {
  readonly code: number;
  readonly message: string;
}

/** Requests the feed may send: `send` returns false, sending nothing, when the session is down. */
export interface RequestSender {
  readonly canSend: boolean;
  send(request: (api: IBApi) => unknown): boolean;
}

/** What the connection can tell the feed beyond sending: where it is and whether to start over. */
export interface FeedConnection extends RequestSender {
  readonly endpoint: string;
  readonly connectivityLoss: ConnectivityLoss | undefined;
  readonly sessionAccounts: readonly string[] | undefined;
  resync(reason: string): void;
  markHealthy(): void;
}
