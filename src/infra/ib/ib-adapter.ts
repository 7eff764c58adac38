import { EventName, IBApi, type Contract as IbContract } from '@stoqey/ib';
import type { IterateOptions } from '../../domain/event-hub.js';
import type { FeedItem } from '../../domain/feed-item.js';
import type {
  BrokerPort,
  BrokerSessionEvent,
  BrokerState,
  CompleteSnapshot,
} from '../../domain/ports/broker-port.js';
import type { Position } from '../../domain/position.js';
import type { PositionFilter } from '../../domain/position-filter.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import type { BrokerStatus } from '../../domain/system-status.js';
import { BrokerFeed } from './broker-feed.js';
import type { BrokerStateChange } from './feed-connection.js';
import {
  type IbAdapterOptions,
  type ResolvedIbAdapterOptions,
  resolveIbAdapterOptions,
} from './ib-adapter-options.js';
import { IbConnection } from './ib-connection.js';
import { portfolioRowFromIb, positionRowFromIb } from './ib-rows.js';

export type { BrokerStateChange } from './feed-connection.js';
export type { IbAdapterOptions } from './ib-adapter-options.js';

/** Creates the adapter; it does nothing until `start()`. */
export function createIbAdapter(options: IbAdapterOptions): IbAdapter {
  return new IbAdapter(options);
}

/**
 * The broker side of the product on one shared @stoqey/ib connection: the live position stream
 * (handlers and async iterators), the in-memory broker book, complete snapshots for
 * reconciliation, connection states and session events, and recovery from every TWS outage.
 */
export class IbAdapter implements BrokerPort {
  readonly #o: ResolvedIbAdapterOptions;
  readonly #api: IBApi;
  readonly #connection: IbConnection;
  readonly #feed: BrokerFeed;
  #started = false;
  #stopped: Promise<void> | undefined;

  constructor(options: IbAdapterOptions) {
    this.#o = resolveIbAdapterOptions(options);
    const log = this.#o.logger.child({ component: 'ib' });
    // Host, port, client id and rate all explicit: the npm build has no defaults, and any missing
    // one makes it read a .env file from the working directory.
    this.#api = new IBApi({
      host: this.#o.host,
      port: this.#o.port,
      clientId: this.#o.clientId,
      maxReqPerSec: this.#o.maxRequestsPerSecond,
    });
    let feed: BrokerFeed | undefined;
    this.#connection = new IbConnection(this.#api, this.#o, log, {
      apiReady: () => feed?.apiReady(),
      accountsListed: (accounts) => feed?.accountsListed(accounts),
      socketClosed: () => feed?.socketClosed(),
      connectivityLost: (loss) => feed?.connectivityLost(loss),
      connectivityRestored: (dataLost) => feed?.connectivityRestored(dataLost),
      requestError: (reqId, code, message) => feed?.requestError(reqId, code, message) ?? false,
    });
    feed = new BrokerFeed(this.#o, log, this.#connection);
    this.#feed = feed;
    // Every row is parsed here, once, into the adapter's typed rows.
    this.#api.on(EventName.position, (...args: Parameters<typeof positionRowFromIb>) =>
      this.#feed.position(positionRowFromIb(...args)),
    );
    this.#api.on(EventName.positionEnd, () => this.#feed.positionEnd());
    this.#api.on(
      EventName.positionMulti,
      (
        reqId: number,
        account: string,
        _modelCode: string,
        contract: IbContract,
        pos: number,
        avgCost: number,
      ) => this.#feed.positionMulti(reqId, positionRowFromIb(account, contract, pos, avgCost)),
    );
    this.#api.on(EventName.positionMultiEnd, (reqId: number) => this.#feed.positionMultiEnd(reqId));
    this.#api.on(EventName.updatePortfolio, (...args: Parameters<typeof portfolioRowFromIb>) =>
      this.#feed.portfolio(portfolioRowFromIb(...args)),
    );
    this.#api.on(EventName.accountDownloadEnd, (account: string) => this.#feed.accountDownloadEnd(account));
  }

  /** Connects in the background and keeps reconnecting until `stop()`; never throws for an outage. */
  start(): void {
    if (this.#stopped) throw new Error('a stopped IB adapter cannot start again; create a new one');
    if (this.#started) return;
    this.#started = true;
    this.#connection.start();
  }

  /** Disconnects, cancels every timer, fails a snapshot in flight and ends every iterator. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#feed.stop();
      await this.#connection.stop();
      this.#api.removeAllListeners();
    })();
    return this.#stopped;
  }

  get state(): BrokerState {
    return this.#connection.state;
  }

  status(): BrokerStatus {
    return this.#connection.status();
  }

  snapshot(): Promise<CompleteSnapshot> {
    return this.#feed.snapshot();
  }

  portfolioAccount(): string | undefined {
    return this.#feed.portfolioAccount;
  }

  onSession(listener: (event: BrokerSessionEvent) => void): () => void {
    return this.#feed.onSession(listener);
  }

  sessions(options?: IterateOptions): AsyncIterableIterator<BrokerSessionEvent> {
    return this.#feed.sessions(options);
  }

  onUpdate(handler: (update: PositionUpdate) => void): () => void {
    return this.#feed.onUpdate(handler);
  }

  /** The same stream with each starting list as one item, delivered at its end marker. */
  onFeedItem(handler: (item: FeedItem) => void): () => void {
    return this.#feed.onFeedItem(handler);
  }

  /** Every later update; ends when the consumer returns or the adapter stops. */
  updates(options?: IterateOptions): AsyncIterableIterator<PositionUpdate> {
    return this.#feed.updates(options);
  }

  /** Handlers plus open update iterators: what a consumer that left would leave behind. */
  get updateListenerCount(): number {
    return this.#feed.updateListenerCount;
  }

  /** The broker's book as the feeds report it (closed rows only when the filter asks). */
  book(filter?: PositionFilter): Position[] {
    return this.#feed.book().positions(filter);
  }

  onStateChange(listener: (change: BrokerStateChange) => void): () => void {
    return this.#connection.onStateChange(listener);
  }

  stateChanges(): AsyncIterableIterator<BrokerStateChange> {
    return this.#connection.stateChanges();
  }
}
