import type { BrokerState } from '../../domain/ports/broker-port.js';
import type { IbConnection } from './ib-connection.js';

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

/** What the parts of the position feed that live on the connection may ask of it. */
export type FeedConnection = Pick<
  IbConnection,
  'canSend' | 'send' | 'endpoint' | 'connectivityLoss' | 'sessionAccounts' | 'resync'
>;
