import { EventName, type Contract as IbContract } from '@stoqey/ib';
import type { StartingListCause } from '../../domain/catch-up.js';
import type { IterateOptions } from '../../domain/event-hub.js';
import type { FeedItem } from '../../domain/feed-item.js';
import type { BrokerPort, BrokerSessionEvent, CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { keyId, type Position } from '../../domain/position.js';
import type { PositionFilter } from '../../domain/position-filter.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import { BrokerBook } from './broker-book.js';
import { BrokerSnapshots } from './broker-snapshots.js';
import { ClosableHub } from './closable-hub.js';
import type { ConnectivityLoss, FeedConnection } from './feed-connection.js';
import { FeedDelivery } from './feed-delivery.js';
import type { IbAdapterOptions } from './ib-adapter-options.js';
import { IbConnection } from './ib-connection.js';
import {
  type Normalized,
  POSITION_END,
  type PortfolioRow,
  type PositionRow,
  portfolioRowFromIb,
  positionRowFromIb,
} from './ib-rows.js';
import { PortfolioSubscription } from './portfolio-subscription.js';
import { type PendingRequest, RequestRegistry } from './request-registry.js';

export type { BrokerStateChange } from './feed-connection.js';
export type { IbAdapterOptions } from './ib-adapter-options.js';

/** The adapter as the composition root uses it: what the parts of the feed ask of the connection stays inside. */
export type IbAdapter = Omit<Adapter, keyof FeedConnection>;

/** Creates the adapter; it does nothing until `start()`. */
export function createIbAdapter(options: IbAdapterOptions): IbAdapter {
  return new Adapter(options);
}

/** How far one API session is from holding the feed's starting state. */
interface SessionProgress {
  /** The feed's latest reqPositions; pending until its positionEnd. */
  startingList: PendingRequest<PositionRow> | undefined;
  /** What to announce once the starting list and the portfolio download are in; undefined once announced. */
  pending: BrokerSessionEvent | undefined;
}

/**
 * The broker side of the product on one shared @stoqey/ib connection (IbConnection, which it
 * is): the live position stream (handlers and async iterators), the in-memory broker book,
 * complete snapshots for reconciliation (BrokerSnapshots), connection states and session
 * events, and recovery from every TWS outage.
 *
 * Rows that arrive between a reqPositions and its positionEnd belong to that request (IB gives
 * them no id; the request registry gives them to the oldest reqPositions pending). The feed's own
 * starting list after each connect or resubscription is its starting state, delivered whole at
 * its positionEnd (FeedDelivery). Every other POSITION is a live STREAM update, also while a
 * snapshot is being answered: snapshots ask with reqPositionsMulti, whose rows carry their
 * request's id. Only when the login refuses that do snapshots use a second reqPositions, whose
 * rows are then the snapshot's.
 */
class Adapter extends IbConnection implements BrokerPort {
  readonly #book = new BrokerBook();
  readonly #requests: RequestRegistry;
  readonly #updates: ClosableHub<PositionUpdate>;
  readonly #items: ClosableHub<FeedItem>;
  readonly #delivery: FeedDelivery;
  readonly #sessions: ClosableHub<BrokerSessionEvent>;
  #session: SessionProgress | undefined;
  #announcedInSync = false;
  readonly #portfolio: PortfolioSubscription;
  readonly #snapshots: BrokerSnapshots;
  #feedStopped = false;

  constructor(options: IbAdapterOptions) {
    super(options);
    const { o, log, api } = this;
    this.#updates = new ClosableHub(log, 'position update');
    this.#items = new ClosableHub(log, 'feed item');
    this.#delivery = new FeedDelivery(o, log, (item) => this.#publish(item));
    this.#sessions = new ClosableHub(log, 'broker session');
    this.#requests = new RequestRegistry(o.clock);
    this.#portfolio = new PortfolioSubscription(o, log, this, () => {
      if (this.#session) this.#maybeAnnounce(this.#session);
    });
    this.#snapshots = new BrokerSnapshots(o, log, this, this.#book, this.#requests);
    // Every row is parsed here, once, into the adapter's typed rows.
    api.on(EventName.position, (...args: Parameters<typeof positionRowFromIb>) =>
      this.#position(positionRowFromIb(...args)),
    );
    api.on(EventName.positionEnd, () => this.#positionEnd());
    api.on(
      EventName.positionMulti,
      (reqId: number, account: string, _model: string, contract: IbContract, pos: number, avgCost: number) =>
        this.#snapshots.positionMulti(reqId, positionRowFromIb(account, contract, pos, avgCost)),
    );
    api.on(EventName.positionMultiEnd, (reqId: number) => this.#snapshots.positionMultiEnd(reqId));
    api.on(EventName.updatePortfolio, (...args: Parameters<typeof portfolioRowFromIb>) =>
      this.#portfolioRow(portfolioRowFromIb(...args)),
    );
    api.on(EventName.accountDownloadEnd, (account: string) => this.#portfolio.downloadEnd(account));
  }

  /** Disconnects, cancels every timer, fails a snapshot in flight and ends every iterator. */
  override stop(): Promise<void> {
    if (!this.#feedStopped) {
      this.#feedStopped = true;
      this.#snapshots.stop();
      this.#endSession();
      this.#requests.clear();
      this.#delivery.dropLists();
      this.#updates.close();
      this.#items.close();
      this.#sessions.close();
    }
    return super.stop();
  }

  /** A complete list of every account's positions, or BrokerUnavailableError. Callers share one. */
  snapshot(): Promise<CompleteSnapshot> {
    return this.#snapshots.take();
  }

  portfolioAccount(): string | undefined {
    return this.#portfolio.account;
  }

  onSession(listener: (event: BrokerSessionEvent) => void): () => void {
    return this.#sessions.subscribe(listener);
  }

  /** Every update in stream order, a starting list's rows one by one at its end marker. */
  onUpdate(handler: (update: PositionUpdate) => void): () => void {
    return this.#updates.subscribe(handler);
  }

  /** The same stream, each starting list as one item: what the store's ingest step follows. */
  onFeedItem(handler: (item: FeedItem) => void): () => void {
    return this.#items.subscribe(handler);
  }

  /** Every later update; ends when the consumer returns or the adapter stops. */
  updates(options?: IterateOptions): AsyncIterableIterator<PositionUpdate> {
    return this.#updates.iterate(options);
  }

  /** Handlers plus open update iterators: what a consumer that left would leave behind. */
  get updateListenerCount(): number {
    return this.#updates.listenerCount;
  }

  /** The broker's book as the feeds report it (closed rows only when the filter asks). */
  book(filter?: PositionFilter): Position[] {
    return this.#book.positions(filter);
  }

  // ---- from the connection ----------------------------------------------------------------------

  protected apiReady(): void {
    if (this.#feedStopped) return;
    this.#endSession();
    const session: SessionProgress = {
      startingList: undefined,
      pending: { kind: 'in-sync', first: !this.#announcedInSync },
    };
    this.#session = session;
    this.#subscribe(session);
  }

  protected accountsListed(accounts: readonly string[]): void {
    if (this.#session) this.#portfolio.accountsListed(accounts);
  }

  protected socketClosed(): void {
    this.#requests.clear();
    this.#snapshots.connectionClosed(`the connection to TWS at ${this.endpoint} dropped during the snapshot`);
    this.#endSession();
    this.#delivery.dropLists();
  }

  protected connectivityLost(loss: ConnectivityLoss): void {
    // A reqPositions stays pending: its positionEnd may still come and must not answer another.
    this.#snapshots.fail(`TWS reported its connection to IB lost (${loss.code}) during the snapshot`);
  }

  protected connectivityRestored(dataLost: boolean): void {
    const session = this.#session;
    if (!session) return;
    if (!dataLost) {
      if (session.pending === undefined) this.#announce({ kind: 'restored', dataLost: false });
      return;
    }
    this.#snapshots.fail('TWS reported data lost (1101) during the snapshot');
    session.pending ??= { kind: 'restored', dataLost: true };
    this.#subscribe(session);
  }

  protected requestError(reqId: number, code: number, message: string): boolean {
    return this.#snapshots.requestError(reqId, code, message);
  }

  // ---- from the socket --------------------------------------------------------------------------

  #position(parsed: Normalized<PositionRow>): void {
    const at = this.o.clock.now();
    const request = this.#requests.oldest(POSITION_END);
    if (!parsed.ok) {
      this.log.warn('skipped a position row TWS sent', { problem: parsed.problem });
      this.#snapshots.unreadableRow(request, parsed.problem);
      return;
    }
    const row = parsed.row;
    if (!this.o.securityTypes.matches(row.contract.secType)) return;
    const id = keyId({ account: row.account, conId: row.contract.conId });
    if (request === undefined) {
      this.#snapshots.liveChange(id);
      this.#delivery.emit(this.#book.applyPosition(row, at, 'STREAM'));
      return;
    }
    request.rows.set(id, row);
    const position = this.#book.applyPosition(row, at, 'SNAPSHOT');
    this.#delivery.listRow(request, id, position);
  }

  #positionEnd(): void {
    const request = this.#requests.oldest(POSITION_END);
    if (!request) {
      this.resync('TWS sent a positionEnd that answers no request');
      return;
    }
    this.#requests.end(request);
    const waited = this.#snapshots.awaits(request);
    this.log.debug('positionEnd received', {
      request: request.id,
      purpose: request.subject,
      rows: request.rows.size,
      ...(request.subject === 'snapshot' && !waited ? { givenUp: true } : {}),
    });
    if (request.subject === 'snapshot') {
      this.#snapshots.ended(request);
      return;
    }
    this.#book.retainOnly(new Set(request.rows.keys()));
    this.#delivery.deliverList(request);
    if (this.#session) this.#maybeAnnounce(this.#session);
  }

  #portfolioRow(parsed: Normalized<PortfolioRow>): void {
    const at = this.o.clock.now();
    if (!parsed.ok) {
      this.log.warn('skipped a portfolio row TWS sent', { problem: parsed.problem });
      return;
    }
    const row = parsed.row;
    if (!this.o.securityTypes.matches(row.contract.secType)) return;
    const source = this.#portfolio.downloading ? 'SNAPSHOT' : 'STREAM';
    if (source === 'STREAM')
      this.#snapshots.liveChange(keyId({ account: row.account, conId: row.contract.conId }));
    this.#delivery.emit(this.#book.applyPortfolio(row, at, source));
  }

  // ---- inside -----------------------------------------------------------------------------------

  /** Subscribes both feeds on the current session: once per connect, and again after 1101. */
  #subscribe(session: SessionProgress): void {
    const pending = session.pending;
    const cause: StartingListCause =
      pending?.kind === 'restored'
        ? 'resubscription'
        : pending?.kind === 'in-sync' && pending.first
          ? 'start'
          : 'reconnect';
    const { snapshotTimeoutMs } = this.o;
    const request = this.#requests.start(POSITION_END, 'feed', snapshotTimeoutMs, () =>
      // No later answer on this connection can be trusted to be the right one: start over.
      this.resync(`no positionEnd from TWS within ${snapshotTimeoutMs} ms for the feed's starting list`),
    );
    this.#delivery.beginList(request, cause);
    this.send((api) => api.reqPositions());
    session.startingList = request;
    this.#portfolio.subscribe(this.sessionAccounts);
  }

  #maybeAnnounce(session: SessionProgress): void {
    if (session !== this.#session || !this.#portfolio.isSettled) return;
    if (session.startingList && this.#requests.isPending(session.startingList)) return;
    const event = session.pending;
    if (event === undefined) return;
    session.pending = undefined;
    if (event.kind === 'in-sync') this.#announcedInSync = true;
    this.markHealthy();
    this.#announce(event);
  }

  #announce(event: BrokerSessionEvent): void {
    this.log.info(event.kind === 'in-sync' ? 'broker feed in sync' : 'broker feed restored', { ...event });
    this.#sessions.publish(event);
  }

  #endSession(): void {
    this.#portfolio.end();
    this.#session = undefined;
  }

  #publish(item: FeedItem): void {
    this.#items.publish(item);
    if (item.kind === 'update') this.#updates.publish(item.update);
    else for (const row of item.list.rows) this.#updates.publish(row);
  }
}
