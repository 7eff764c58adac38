import type { Contract as IbContract } from '@stoqey/ib';
import { BrokerUnavailableError } from '../../domain/errors.js';
import type { CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { keyId } from '../../domain/position.js';
import type { Logger } from '../logger.js';
import type { BrokerBook } from './broker-book.js';
import type { FeedConnection } from './feed-connection.js';
import type { ResolvedIbAdapterOptions } from './ib-adapter-options.js';
import { type PositionRow, positionRowFromIb } from './ib-rows.js';
import { MultiSnapshotRequests } from './multi-snapshot-requests.js';
import { PendingSnapshot } from './pending-snapshot.js';
import type { PositionRequest, PositionRequestLedger } from './position-request-ledger.js';

/**
 * Complete snapshots of the broker's book for reconciliation, one at a time, shared by every
 * caller.
 *
 * A snapshot asks each managed account with reqPositionsMulti (see MultiSnapshotRequests). Its
 * rows carry their request's id, so the live reqPositions stream stays unambiguous: every
 * POSITION is a live change, emitted and counted as stream activity even while a snapshot is
 * being answered, and every POSITION_MULTI belongs to the snapshot its id names. A snapshot's
 * rows refresh the broker book but are never emitted, or a reconciliation would hide what it
 * should find.
 *
 * When the login refuses reqPositionsMulti, snapshots on that connection fall back to a second
 * reqPositions (the feed's ledger tells its rows from live ones by order only, so a change during
 * such a snapshot counts as a snapshot row and reaches the store only with its next change).
 */
export class BrokerSnapshots {
  readonly #multi: MultiSnapshotRequests;
  #pending: PendingSnapshot | undefined;
  /** The reqPositions the pending snapshot waits for, when it fell back to one. */
  #fallback: PositionRequest<PositionRow> | undefined;
  /** This connection refused reqPositionsMulti: its snapshots use reqPositions. */
  #multiRefused = false;
  #warnedFallback = false;
  /** Keys the live stream moved while the pending snapshot was taken. */
  readonly #movedMeanwhile = new Set<string>();
  #stopped = false;

  constructor(
    private readonly o: ResolvedIbAdapterOptions,
    private readonly log: Logger,
    private readonly connection: FeedConnection,
    private readonly book: BrokerBook,
    private readonly ledger: PositionRequestLedger<PositionRow>,
  ) {
    this.#multi = new MultiSnapshotRequests(
      { clock: o.clock, timeoutMs: o.snapshotTimeoutMs },
      log,
      connection,
      {
        completed: (rows) => this.#complete(rows),
        failed: (reason) => this.fail(reason),
        unsupported: (reason) => this.#fallBack(reason),
      },
    );
  }

  /** A complete list of every account's positions, or BrokerUnavailableError. */
  take(): Promise<CompleteSnapshot> {
    if (this.#pending) return this.#pending.promise;
    const unavailable = this.#unavailableReason();
    if (unavailable) return Promise.reject(new BrokerUnavailableError(unavailable));
    const pending = new PendingSnapshot(this.o.clock.now());
    this.#pending = pending;
    this.#movedMeanwhile.clear();
    if (this.#multiRefused) this.#requestFallback();
    else if (!this.#multi.start(this.connection.sessionAccounts ?? [])) {
      this.fail(`not connected to TWS at ${this.connection.endpoint}`);
    }
    return pending.promise;
  }

  /** Whether `request` is the reqPositions the pending snapshot waits for. */
  awaits(request: PositionRequest<PositionRow>): boolean {
    return this.#fallback === request;
  }

  /** The live stream moved a key: the end of the snapshot must not drop it from the book. */
  liveChange(key: string): void {
    if (this.#pending) this.#movedMeanwhile.add(key);
  }

  /** A POSITION_MULTI row. */
  positionMulti(
    reqId: number,
    account: unknown,
    contract: IbContract,
    quantity: unknown,
    averageCost: unknown,
  ) {
    const parsed = positionRowFromIb(account, contract, quantity, averageCost);
    if (!parsed.ok) {
      this.log.warn('skipped a position row TWS sent', { problem: parsed.problem, reqId });
      this.#multi.unreadableRow(reqId, parsed.problem);
      return;
    }
    if (!this.o.securityTypes.matches(parsed.row.contract.secType)) return;
    if (this.#multi.row(reqId, parsed.row))
      this.book.applyPosition(parsed.row, this.o.clock.now(), 'SNAPSHOT');
  }

  positionMultiEnd(reqId: number): void {
    this.#multi.end(reqId);
  }

  /** An error for a request id; true when it was one of the snapshots'. */
  requestError(reqId: number, code: number, message: string): boolean {
    return this.#multi.error(reqId, code, message);
  }

  /** A row of the fallback's reqPositions could not be read: without it the list is not whole. */
  unreadableFallbackRow(problem: string): void {
    if (this.#fallback && this.ledger.answering === this.#fallback) {
      this.fail(`TWS sent a position the adapter cannot read (${problem})`);
    }
  }

  /** A reqPositions of purpose snapshot ended: a whole list, whether or not it is still awaited. */
  fallbackEnded(request: PositionRequest<PositionRow>): void {
    this.book.retainOnly(new Set([...request.rows.keys(), ...this.#movedMeanwhile]));
    if (this.#fallback !== request) return;
    this.#fallback = undefined;
    this.#resolve(request.rows.values());
  }

  /** Fails the pending snapshot, if any, and gives up its requests. */
  fail(reason: string): void {
    this.#multi.abandon();
    this.#fallback = undefined;
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    this.log.warn('broker snapshot failed', { reason });
    pending.fail(reason);
  }

  /** The socket is gone with every request on it; the next connection tries reqPositionsMulti again. */
  connectionClosed(reason: string): void {
    this.#multi.forget();
    this.#multiRefused = false;
    this.fail(reason);
  }

  stop(): void {
    this.#stopped = true;
    this.fail('the broker connection was stopped');
    this.#multi.forget();
  }

  #complete(rows: readonly PositionRow[]): void {
    const keys = rows.map((r) => keyId({ account: r.account, conId: r.contract.conId }));
    this.book.retainOnly(new Set([...keys, ...this.#movedMeanwhile]));
    this.#resolve(rows);
  }

  #resolve(rows: Iterable<PositionRow>): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    this.#movedMeanwhile.clear();
    pending.complete(rows, this.o.clock.now());
  }

  #fallBack(reason: string): void {
    this.#multiRefused = true;
    const message =
      'TWS does not serve reqPositionsMulti for this login: snapshots on this connection use reqPositions, ' +
      'whose rows cannot be told from live changes, so a trade during a snapshot reaches the store only with its next change';
    if (this.#warnedFallback) this.log.debug(message, { reason });
    else this.log.warn(message, { reason });
    this.#warnedFallback = true;
    if (this.#pending) this.#requestFallback();
  }

  #requestFallback(): void {
    // Only one reqPositions list at a time: a late or reordered positionEnd could complete it short.
    const earlier = this.ledger.answering;
    if (earlier) {
      this.fail(
        earlier.purpose === 'feed'
          ? "TWS is still sending the feed's starting list of positions"
          : 'TWS has not yet finished answering an earlier snapshot that was given up',
      );
      return;
    }
    if (!this.connection.canSend) {
      this.fail(`not connected to TWS at ${this.connection.endpoint}`);
      return;
    }
    this.#fallback = this.ledger.issue('snapshot');
    this.connection.reqPositions();
  }

  #unavailableReason(): string | undefined {
    if (this.#stopped) return 'the broker connection was stopped';
    const loss = this.connection.connectivityLoss;
    if (loss) {
      return `TWS reports its connection to IB lost (${loss.code}): broker data is unreliable until it is restored`;
    }
    if (!this.connection.canSend) return `not connected to TWS at ${this.connection.endpoint}`;
    // The feed's starting list is stored before the broker counts as ready: a snapshot taken
    // while it arrives would be judged against a store that does not hold it yet.
    const earlier = this.ledger.answering;
    if (earlier?.purpose === 'feed') return "TWS is still sending the feed's starting list of positions";
    if (this.#multiRefused) {
      return earlier ? 'TWS has not yet finished answering an earlier snapshot that was given up' : undefined;
    }
    if (!this.connection.sessionAccounts?.length) return 'TWS has not listed the accounts of this login yet';
    return undefined;
  }
}
