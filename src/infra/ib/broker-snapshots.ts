import { BrokerUnavailableError } from '../../domain/errors.js';
import type { CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { compareKeys, keyId } from '../../domain/position.js';
import type { Logger } from '../logger.js';
import type { BrokerBook } from './broker-book.js';
import type { FeedConnection } from './feed-connection.js';
import type { ResolvedIbAdapterOptions } from './ib-adapter-options.js';
import { type Normalized, POSITION_END, POSITION_MULTI_END, type PositionRow } from './ib-rows.js';
import type { EndMarker, PendingRequest, RequestRegistry } from './request-registry.js';
import { classifyRequestError } from './tws-notice.js';

/** The snapshot in flight; every caller awaits the same promise. */
interface Taking {
  readonly startedAt: Date;
  readonly promise: Promise<CompleteSnapshot>;
  readonly settle: (outcome: CompleteSnapshot | Error) => void;
  /** Its requests: a reqPositionsMulti per account in the order sent, or the one reqPositions of the fallback. */
  round: PendingRequest<PositionRow>[];
}

/**
 * Complete snapshots of the broker's book for reconciliation, one at a time, shared by every
 * caller (docs/reconciliation-rules.md §8).
 *
 * A snapshot asks each managed account with reqPositionsMulti under its own id, and is complete
 * once every account's request has ended; each is cancelled once it has ended (or the snapshot
 * is given up), so TWS stops pushing to it. Its rows carry their request's id, so the live
 * reqPositions stream stays unambiguous: every POSITION is a live change, and every
 * POSITION_MULTI belongs to the request its id names while that request is pending; a row, end
 * or error for an id that is over is ignored, so a late answer can never complete a later
 * snapshot. A snapshot's rows refresh the broker book but are never emitted, or a reconciliation
 * would hide what it should find.
 *
 * When the login refuses reqPositionsMulti, snapshots on that connection fall back to a second
 * reqPositions, whose rows are told from live ones by order only (a change during such a
 * snapshot counts as a snapshot row and reaches the store only with its next change).
 */
export class BrokerSnapshots {
  #taking: Taking | undefined;
  /** This connection refused reqPositionsMulti: its snapshots use reqPositions. */
  #multiRefused = false;
  #warnedFallback = false;
  /** Keys the live stream moved while the snapshot in flight was taken. */
  readonly #movedMeanwhile = new Set<string>();
  #stopped = false;

  constructor(
    private readonly o: ResolvedIbAdapterOptions,
    private readonly log: Logger,
    private readonly connection: FeedConnection,
    private readonly book: BrokerBook,
    private readonly registry: RequestRegistry,
  ) {}

  take(): Promise<CompleteSnapshot> {
    if (this.#taking) return this.#taking.promise;
    const unavailable = this.#unavailableReason();
    if (unavailable) return Promise.reject(new BrokerUnavailableError(unavailable));
    let settle: Taking['settle'] = () => {};
    const promise = new Promise<CompleteSnapshot>((resolve, reject) => {
      settle = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
    });
    const taking: Taking = { startedAt: this.o.clock.now(), promise, settle, round: [] };
    this.#taking = taking;
    this.#movedMeanwhile.clear();
    this.#request(taking);
    return promise;
  }

  awaits(request: PendingRequest<PositionRow>): boolean {
    return this.#taking?.round.includes(request) ?? false;
  }

  /** The live stream moved a key: the end of the snapshot must not drop it from the book. */
  liveChange(key: string): void {
    if (this.#taking) this.#movedMeanwhile.add(key);
  }

  /** A row of `request` could not be read: without it the list is not whole. */
  unreadableRow(request: PendingRequest<PositionRow> | undefined, problem: string): void {
    if (request && this.awaits(request))
      this.fail(`TWS sent a position the adapter cannot read (${problem})`);
  }

  positionMulti(reqId: number, parsed: Normalized<PositionRow>): void {
    const request = this.registry.get(POSITION_MULTI_END, reqId);
    if (!parsed.ok) {
      this.log.warn('skipped a position row TWS sent', { problem: parsed.problem, reqId });
      this.unreadableRow(request, parsed.problem);
      return;
    }
    // A row for a request that has ended is a push of a change the live stream reports anyway.
    if (!request || !this.o.securityTypes.matches(parsed.row.contract.secType)) return;
    request.rows.set(keyId({ account: parsed.row.account, conId: parsed.row.contract.conId }), parsed.row);
    this.book.applyPosition(parsed.row, this.o.clock.now(), 'SNAPSHOT');
  }

  positionMultiEnd(reqId: number): void {
    const request = this.registry.get(POSITION_MULTI_END, reqId);
    if (!request) {
      if (this.registry.issued(reqId))
        this.log.debug('ignored the end of a snapshot request that is over', { reqId });
      return;
    }
    this.registry.end(request);
    this.connection.send((api) => api.cancelPositionsMulti(reqId));
    this.ended(request);
  }

  /**
   * A request of a snapshot reached its end marker: the snapshot is complete once its whole round
   * has. A reqPositions given up still brings a whole list, which the book takes.
   */
  ended(request: PendingRequest<PositionRow>): void {
    const taking = this.#taking;
    if (!taking?.round.includes(request)) {
      this.#retainListed(request.rows.values());
      return;
    }
    if (taking.round.some((r) => this.registry.isPending(r))) return;
    const rows = taking.round.flatMap((r) => [...r.rows.values()]);
    this.log.debug('snapshot complete', { requests: taking.round.length, rows: rows.length });
    this.#complete(taking, rows);
  }

  /** An error for a request id; true when it was one of the snapshots'. */
  requestError(reqId: number, code: number, message: string): boolean {
    if (!this.registry.issued(reqId)) return false;
    const request = this.registry.get(POSITION_MULTI_END, reqId);
    if (!request) {
      this.log.debug('ignored an error for a snapshot request that is over', { reqId, code, message });
      return true;
    }
    const kind = classifyRequestError(code, message);
    if (kind === 'warning') {
      this.log.debug('TWS warning about a snapshot request', { reqId, code, message });
      return true;
    }
    // A refused request has nothing to cancel; the others of its snapshot do.
    this.registry.fail(request);
    const reason = `TWS refused the positions request for ${request.subject} (${code}: ${message})`;
    if (kind === 'unsupported') this.#fallBack(reason);
    else this.fail(reason);
    return true;
  }

  /** Fails the snapshot in flight, if any, and cancels its requests still pending. */
  fail(reason: string): void {
    const taking = this.#taking;
    if (!taking) return;
    this.#taking = undefined;
    this.#cancelRound(taking);
    this.log.warn('broker snapshot failed', { reason });
    taking.settle(new BrokerUnavailableError(reason));
  }

  /**
   * The socket is gone with every request on it (the registry is cleared first: nothing is left
   * to cancel); the next connection tries reqPositionsMulti again.
   */
  connectionClosed(reason: string): void {
    this.#multiRefused = false;
    this.fail(reason);
  }

  stop(): void {
    this.#stopped = true;
    this.fail('the broker connection was stopped');
  }

  #request(taking: Taking): void {
    if (this.#multiRefused) {
      // Only one reqPositions list at a time: a late or reordered positionEnd could complete it short.
      const reason = this.#listOwed() ?? this.#notConnectedReason();
      if (reason) {
        this.fail(reason);
        return;
      }
      taking.round = [this.#start(POSITION_END, 'snapshot')];
      this.connection.send((api) => api.reqPositions());
      return;
    }
    for (const account of new Set(this.connection.sessionAccounts)) {
      const request = this.#start(POSITION_MULTI_END, account);
      taking.round.push(request);
      if (!this.connection.send((api) => api.reqPositionsMulti(request.id, account, ''))) {
        this.fail(`not connected to TWS at ${this.connection.endpoint}`);
      }
      // Not sent, or refused on the spot (the client knows TWS is too old for it): the others are not asked.
      if (!this.registry.isPending(request)) return;
    }
    this.log.debug('snapshot requested', { requests: taking.round.map((r) => `${r.id}:${r.subject}`) });
  }

  #start(end: EndMarker<PositionRow>, subject: string): PendingRequest<PositionRow> {
    return this.registry.start(end, subject, this.o.snapshotTimeoutMs, (r) => this.#overdue(r));
  }

  /**
   * A request unanswered at its deadline fails its snapshot; after a reqPositions no later answer
   * on this connection can be trusted to be the right one: start over.
   */
  #overdue(request: PendingRequest<PositionRow>): void {
    const missed = `no ${request.end.name} from TWS within ${this.o.snapshotTimeoutMs} ms`;
    const round = this.#taking?.round ?? [];
    if (round.includes(request)) {
      const missing = round.filter((r) => this.registry.isPending(r)).map((r) => r.subject);
      this.fail(
        `${missed}${request.end.byId ? ` for ${missing.join(', ')}` : ''}: the snapshot is incomplete`,
      );
    }
    if (!request.end.byId) this.connection.resync(`${missed} for a snapshot`);
  }

  /**
   * Cancels the reqPositionsMulti of the round that have not ended; sending fails harmlessly on a
   * closed socket. A reqPositions stays pending: its end may still come and must not answer another.
   */
  #cancelRound(taking: Taking): void {
    for (const request of taking.round) {
      if (request.end.byId && this.registry.fail(request))
        this.connection.send((api) => api.cancelPositionsMulti(request.id));
    }
  }

  #retainListed(rows: Iterable<PositionRow>): void {
    const keys = [...rows].map((r) => keyId({ account: r.account, conId: r.contract.conId }));
    this.book.retainOnly(new Set([...keys, ...this.#movedMeanwhile]));
  }

  #complete(taking: Taking, rows: readonly PositionRow[]): void {
    this.#retainListed(rows);
    this.#taking = undefined;
    this.#movedMeanwhile.clear();
    const positions = rows
      .map(({ account, contract, quantity, averageCost }) => ({
        account,
        conId: contract.conId,
        contract,
        quantity,
        averageCost,
      }))
      .sort(compareKeys);
    taking.settle({ startedAt: taking.startedAt, completedAt: this.o.clock.now(), positions });
  }

  #fallBack(reason: string): void {
    const taking = this.#taking;
    if (taking) this.#cancelRound(taking);
    this.#multiRefused = true;
    const message =
      'TWS does not serve reqPositionsMulti for this login: snapshots on this connection use reqPositions, ' +
      'whose rows cannot be told from live changes, so a trade during a snapshot reaches the store only with its next change';
    if (this.#warnedFallback) this.log.debug(message, { reason });
    else this.log.warn(message, { reason });
    this.#warnedFallback = true;
    if (taking) this.#request(taking);
  }

  /** Why no reqPositions list can be asked now: TWS still owes an earlier one. */
  #listOwed(): string | undefined {
    const earlier = this.registry.oldest(POSITION_END);
    if (!earlier) return undefined;
    return earlier.subject === 'feed'
      ? "TWS is still sending the feed's starting list of positions"
      : 'TWS has not yet finished answering an earlier snapshot that was given up';
  }

  #notConnectedReason(): string | undefined {
    return this.connection.canSend ? undefined : `not connected to TWS at ${this.connection.endpoint}`;
  }

  #unavailableReason(): string | undefined {
    if (this.#stopped) return 'the broker connection was stopped';
    const loss = this.connection.connectivityLoss;
    if (loss) {
      return `TWS reports its connection to IB lost (${loss.code}): broker data is unreliable until it is restored`;
    }
    // The feed's starting list is stored before the broker counts as ready: a snapshot taken
    // while it arrives would be judged against a store that does not hold it yet. (Without the
    // fallback, the only list owed is the feed's: the registry empties with each connection.)
    const reason = this.#notConnectedReason() ?? this.#listOwed();
    if (reason) return reason;
    if (!this.#multiRefused && !this.connection.sessionAccounts?.length) {
      return 'TWS has not listed the accounts of this login yet';
    }
    return undefined;
  }
}
