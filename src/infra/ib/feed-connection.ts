import type { BrokerState } from '../../domain/ports/broker-port.js';

/**
 * The contract between the connection (one IBApi socket after another) and the position feed
 * that lives on it: what the connection tells the feed, and what the feed may ask of it.
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

/** What the connection tells the position feed. */
export interface ConnectionHooks {
  /** nextValidId on a fresh socket: the API session is up and requests may be sent. */
  apiReady(): void;
  /** TWS listed the accounts of the login. */
  accountsListed(accounts: readonly string[]): void;
  /** The socket is gone, and every answer still owed on it. */
  socketClosed(): void;
  connectivityLost(loss: ConnectivityLoss): void;
  /** 1101 (data lost: subscriptions must be made again) or 1102 (data kept). */
  connectivityRestored(dataLost: boolean): void;
  /**
   * An error carrying a request id, from TWS or from the client. Returns true when the id is one
   * of the feed's requests (it has dealt with it); false leaves it to the connection to report.
   */
  requestError(reqId: number, code: number, message: string): boolean;
}

/** Requests the feed may send; each returns false, sending nothing, when the session is down. */
export interface RequestSender {
  readonly canSend: boolean;
  reqPositions(): boolean;
  reqAccountUpdates(account: string): boolean;
  /** One account's positions (no model), answered and pushed under `reqId`. */
  reqPositionsMulti(reqId: number, account: string): boolean;
  cancelPositionsMulti(reqId: number): boolean;
}

/** What the connection can tell the feed beyond sending: where it is and whether to start over. */
export interface FeedConnection extends RequestSender {
  readonly endpoint: string;
  readonly connectivityLoss: ConnectivityLoss | undefined;
  readonly sessionAccounts: readonly string[] | undefined;
  resync(reason: string): void;
  markHealthy(): void;
}
