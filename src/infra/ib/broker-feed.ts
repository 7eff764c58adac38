import type { Contract as IbContract } from '@stoqey/ib';
import { BrokerUnavailableError } from '../../domain/errors.js';
import type { IterateOptions } from '../../domain/event-hub.js';
import type { BrokerSessionEvent, CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { keyId, type Position } from '../../domain/position.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import type { Logger } from '../logger.js';
import { BrokerBook } from './broker-book.js';
import { ClosableHub } from './closable-hub.js';
import type { ConnectivityLoss, FeedConnection } from './connection-ports.js';
import type { ResolvedIbAdapterOptions } from './ib-adapter-options.js';
import { type PortfolioRow, type PositionRow, portfolioRowFromIb, positionRowFromIb } from './ib-rows.js';
import { PendingSnapshot } from './pending-snapshot.js';
import { PortfolioSubscription } from './portfolio-subscription.js';
import { type PositionRequest, PositionRequestLedger } from './position-request-ledger.js';
import { createUpdateStamper } from './update-stamper.js';

/** How far one API session is from holding the feed's starting state. */
interface SessionProgress {
  /** The feed's latest reqPositions; undefined once its positionEnd arrived. */
  burst: PositionRequest<PositionRow> | undefined;
  /** What to announce once the burst and the portfolio download are in; undefined once announced. */
  pending: BrokerSessionEvent | undefined;
}

/**
 * Turns the positions and portfolio events of one shared connection into the live update stream,
 * the broker book and complete snapshots.
 *
 * Rows that arrive between a reqPositions and its positionEnd belong to that request (IB gives
 * them no id; see PositionRequestLedger). The feed's own starting burst after each connect or
 * resubscription is its starting state: emitted with source SNAPSHOT. A snapshot's rows are
 * evidence for reconciliation only: they refresh the book but are never emitted, or a
 * reconciliation would hide what it should find. Everything else is a live STREAM update.
 *
 * A live change that TWS pushes while a snapshot is being answered cannot be told from the
 * snapshot's rows: it refreshes the book but is not emitted, and the store learns it from the
 * next change or portfolio refresh (DESIGN §7). A snapshot is sent only when no other positions
 * request is outstanding, so a late or reordered positionEnd can never complete it short.
 */
export class BrokerFeed {
  readonly #o: ResolvedIbAdapterOptions;
  readonly #log: Logger;
  readonly #connection: FeedConnection;
  readonly #book = new BrokerBook();
  readonly #ledger: PositionRequestLedger<PositionRow>;
  readonly #updates: ClosableHub<PositionUpdate>;
  readonly #sessions: ClosableHub<BrokerSessionEvent>;
  readonly #stamp: (position: Position, at: Date) => PositionUpdate;
  #session: SessionProgress | undefined;
  #announcedReady = false;
  readonly #portfolio: PortfolioSubscription;
  #snapshot: PendingSnapshot | undefined;
  #stopped = false;

  constructor(options: ResolvedIbAdapterOptions, log: Logger, connection: FeedConnection) {
    this.#o = options;
    this.#log = log;
    this.#connection = connection;
    this.#updates = new ClosableHub(log, 'position update');
    this.#sessions = new ClosableHub(log, 'broker session');
    this.#stamp = createUpdateStamper(options.nextSequence);
    this.#ledger = new PositionRequestLedger({
      clock: options.clock,
      deadlineMs: options.snapshotTimeoutMs,
      overdue: (request) => this.#overdue(request),
    });
    this.#portfolio = new PortfolioSubscription(options, log, connection, () => {
      if (this.#session) this.#maybeAnnounce(this.#session);
    });
  }

  // ---- what the adapter offers ------------------------------------------------------------------

  onUpdate(handler: (update: PositionUpdate) => void): () => void {
    return this.#updates.subscribe(handler);
  }

  updates(options?: IterateOptions): AsyncIterableIterator<PositionUpdate> {
    return this.#updates.iterate(options);
  }

  get updateListenerCount(): number {
    return this.#updates.listenerCount;
  }

  onSession(listener: (event: BrokerSessionEvent) => void): () => void {
    return this.#sessions.subscribe(listener);
  }

  sessions(options?: IterateOptions): AsyncIterableIterator<BrokerSessionEvent> {
    return this.#sessions.iterate(options);
  }

  book(): BrokerBook {
    return this.#book;
  }

  /** The account whose portfolio feed is subscribed, once chosen. */
  get refreshedAccount(): string | undefined {
    return this.#portfolio.account;
  }

  /** A complete list of every account's positions, or BrokerUnavailableError. Callers share one. */
  snapshot(): Promise<CompleteSnapshot> {
    if (this.#snapshot) return this.#snapshot.promise;
    const unavailable = this.#unavailableReason();
    if (unavailable) return Promise.reject(new BrokerUnavailableError(unavailable));
    const startedAt = this.#o.clock.now();
    this.#snapshot = new PendingSnapshot(this.#requestPositions('snapshot'), startedAt);
    return this.#snapshot.promise;
  }

  stop(): void {
    this.#stopped = true;
    this.#failSnapshot('the broker connection was stopped');
    this.#endSession();
    this.#ledger.clear();
    this.#updates.close();
    this.#sessions.close();
  }

  // ---- from the connection ----------------------------------------------------------------------

  apiReady(): void {
    if (this.#stopped) return;
    this.#endSession();
    const session: SessionProgress = {
      burst: undefined,
      pending: { kind: 'ready', first: !this.#announcedReady },
    };
    this.#session = session;
    this.#subscribe(session);
  }

  accountsListed(accounts: readonly string[]): void {
    if (this.#session) this.#portfolio.accountsListed(accounts);
  }

  socketClosed(): void {
    this.#failSnapshot(`the connection to TWS at ${this.#connection.endpoint} dropped during the snapshot`);
    this.#endSession();
    this.#ledger.clear();
  }

  connectivityLost(loss: ConnectivityLoss): void {
    // The request stays in the ledger: its positionEnd may still come and must not answer another.
    this.#failSnapshot(`TWS reported its connection to IB lost (${loss.code}) during the snapshot`);
  }

  connectivityRestored(dataLost: boolean): void {
    const session = this.#session;
    if (!session) return;
    if (!dataLost) {
      if (session.pending === undefined) this.#announce({ kind: 'restored', dataLost: false });
      return;
    }
    this.#failSnapshot('TWS reported data lost (1101) during the snapshot');
    session.pending ??= { kind: 'restored', dataLost: true };
    this.#subscribe(session);
  }

  // ---- from the socket --------------------------------------------------------------------------

  position(account: unknown, contract: IbContract, quantity: unknown, averageCost: unknown): void {
    const at = this.#o.clock.now();
    const parsed = positionRowFromIb(account, contract, quantity, averageCost);
    if (!parsed.ok) {
      this.#log.warn('skipped a position row TWS sent', { problem: parsed.problem });
      return;
    }
    const row = parsed.row;
    if (!this.#o.securityTypes.matches(row.contract.secType)) return;
    const request = this.#ledger.answering;
    if (request === undefined) {
      this.#emit(this.#book.applyPosition(row, at, 'STREAM'), at);
      return;
    }
    request.rows.set(keyId({ account: row.account, conId: row.contract.conId }), row);
    const position = this.#book.applyPosition(row, at, 'SNAPSHOT');
    if (request.purpose === 'feed') this.#emit(position, at);
  }

  positionEnd(): void {
    const request = this.#ledger.answer();
    if (request === undefined) {
      this.#connection.resync('TWS sent a positionEnd that answers no request');
      return;
    }
    this.#book.retainOnly(new Set(request.rows.keys()));
    const waited = this.#snapshot?.request === request;
    this.#log.debug('positionEnd received', {
      request: request.id,
      purpose: request.purpose,
      rows: request.rows.size,
      ...(request.purpose === 'snapshot' && !waited ? { givenUp: true } : {}),
    });
    if (request.purpose === 'snapshot') {
      this.#completeSnapshot(request);
      return;
    }
    const session = this.#session;
    if (session?.burst === request) {
      session.burst = undefined;
      this.#maybeAnnounce(session);
    }
  }

  portfolio(
    contract: IbContract,
    quantity: unknown,
    marketPrice: unknown,
    marketValue: unknown,
    averageCost: unknown,
    unrealizedPnl: unknown,
    realizedPnl: unknown,
    account: unknown,
  ): void {
    const at = this.#o.clock.now();
    const parsed = portfolioRowFromIb(
      contract,
      quantity,
      marketPrice,
      marketValue,
      averageCost,
      unrealizedPnl,
      realizedPnl,
      account,
    );
    if (!parsed.ok) {
      this.#log.warn('skipped a portfolio row TWS sent', { problem: parsed.problem });
      return;
    }
    const row: PortfolioRow = parsed.row;
    if (!this.#o.securityTypes.matches(row.contract.secType)) return;
    const source = this.#portfolio.downloading ? 'SNAPSHOT' : 'STREAM';
    this.#emit(this.#book.applyPortfolio(row, at, source), at);
  }

  accountDownloadEnd(account: unknown): void {
    this.#portfolio.downloadEnd(account);
  }

  // ---- inside -----------------------------------------------------------------------------------

  /** Subscribes both feeds on the current session: once per connect, and again after 1101. */
  #subscribe(session: SessionProgress): void {
    session.burst = this.#requestPositions('feed');
    this.#portfolio.subscribe(this.#connection.sessionAccounts);
  }

  #maybeAnnounce(session: SessionProgress): void {
    if (session !== this.#session || session.burst || !this.#portfolio.isSettled) return;
    const event = session.pending;
    if (event === undefined) return;
    session.pending = undefined;
    if (event.kind === 'ready') this.#announcedReady = true;
    this.#connection.markHealthy();
    this.#announce(event);
  }

  #announce(event: BrokerSessionEvent): void {
    this.#log.info(event.kind === 'ready' ? 'broker feed in sync' : 'broker feed restored', { ...event });
    this.#sessions.publish(event);
  }

  #endSession(): void {
    this.#portfolio.end();
    this.#session = undefined;
  }

  /** Records one reqPositions and sends it. */
  #requestPositions(purpose: 'feed' | 'snapshot'): PositionRequest<PositionRow> {
    const request = this.#ledger.issue(purpose);
    this.#connection.reqPositions();
    return request;
  }

  /** No later answer on this connection can be trusted to be the right one: start over. */
  #overdue(request: PositionRequest<PositionRow>): void {
    const missed = `no positionEnd from TWS within ${this.#o.snapshotTimeoutMs} ms`;
    if (this.#snapshot?.request === request) this.#failSnapshot(`${missed}: the snapshot is incomplete`);
    this.#connection.resync(
      `${missed} for ${request.purpose === 'feed' ? "the feed's starting list" : 'a snapshot'}`,
    );
  }

  #completeSnapshot(request: PositionRequest<PositionRow>): void {
    const pending = this.#snapshot;
    if (pending?.request !== request) return;
    this.#snapshot = undefined;
    pending.complete(this.#o.clock.now());
  }

  #failSnapshot(reason: string): void {
    const inflight = this.#snapshot;
    if (!inflight) return;
    this.#snapshot = undefined;
    this.#log.warn('broker snapshot failed', { reason });
    inflight.fail(reason);
  }

  #unavailableReason(): string | undefined {
    if (this.#stopped) return 'the broker connection was stopped';
    const loss = this.#connection.connectivityLoss;
    if (loss) {
      return `TWS reports its connection to IB lost (${loss.code}): broker data is unreliable until it is restored`;
    }
    if (!this.#connection.canSend) return `not connected to TWS at ${this.#connection.endpoint}`;
    // Only one positions request at a time: with another outstanding, a late or reordered
    // positionEnd could complete this snapshot with rows missing.
    const earlier = this.#ledger.answering;
    if (earlier?.purpose === 'feed') return "TWS is still sending the feed's starting list of positions";
    if (earlier) return 'TWS has not yet finished answering an earlier snapshot that was given up';
    return undefined;
  }

  #emit(position: Position, at: Date): void {
    try {
      this.#updates.publish(this.#stamp(position, at));
    } catch (error) {
      this.#log.error('could not publish a position update', { error, account: position.account });
    }
  }
}
