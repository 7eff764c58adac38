import type { Cancel, Clock } from '../../domain/clock.js';
import type { Logger } from '../logger.js';
import type { RequestSender } from './feed-connection.js';
import type { PositionRow } from './ib-rows.js';
import { type AccountRequest, MultiSnapshotRound } from './multi-snapshot-round.js';
import { classifyRequestError } from './tws-notice.js';

/** What becomes of the snapshot in flight. Each is called once per snapshot, at most one of them. */
export interface MultiSnapshotOutcome {
  /** Every account's request ended: these rows are the broker's whole book. */
  completed(rows: readonly PositionRow[]): void;
  /** The snapshot cannot be complete; its requests have been cancelled. */
  failed(reason: string): void;
  /** TWS (or a client that knows TWS is too old) cannot serve the request for this login. */
  unsupported(reason: string): void;
}

export interface MultiSnapshotOptions {
  readonly clock: Clock;
  /** How long every account's request may take to end. */
  readonly timeoutMs: number;
}

/**
 * Snapshots taken with reqPositionsMulti: one request per managed account, each under a fresh id,
 * each cancelled once it has ended (or the snapshot is given up), so TWS stops pushing to it.
 *
 * Ids only grow, for the adapter's whole life: an answer, end or error for an id below the next
 * one that is not the snapshot in flight belongs to a snapshot that is over. It is ignored, so a
 * late answer can never complete a later snapshot.
 */
export class MultiSnapshotRequests {
  /** Ids from here up are ours; below it belongs to nobody, so errors for it are not ours. */
  readonly #firstReqId = 1;
  #nextReqId = this.#firstReqId;
  #round: MultiSnapshotRound | undefined;
  /** Requests of the round in flight that have gone out: only those can be cancelled. */
  readonly #sent = new Set<number>();
  #cancelTimer: Cancel | undefined;

  constructor(
    private readonly o: MultiSnapshotOptions,
    private readonly log: Logger,
    private readonly sender: RequestSender,
    private readonly outcome: MultiSnapshotOutcome,
  ) {}

  get inFlight(): boolean {
    return this.#round !== undefined;
  }

  /**
   * Sends a request per account; false, with nothing in flight, when the session cannot send.
   * The outcome may be reported before this returns (the client refuses a request TWS is too old
   * for at once), so the caller is ready for it first.
   */
  start(accounts: readonly string[]): boolean {
    this.abandon();
    const requests: AccountRequest[] = [...new Set(accounts)].map((account) => ({
      reqId: this.#nextReqId++,
      account,
    }));
    const round = new MultiSnapshotRound(requests);
    this.#round = round;
    for (const { reqId, account } of requests) {
      if (!this.sender.reqPositionsMulti(reqId, account)) {
        this.abandon();
        return false;
      }
      this.#sent.add(reqId);
      // Refused on the spot: the outcome is reported, and the other accounts are not asked.
      if (this.#round !== round) return true;
    }
    this.#cancelTimer = this.o.clock.schedule(this.o.timeoutMs, () => {
      this.#cancelTimer = undefined;
      if (this.#round !== round) return;
      const missing = round.waitingFor.join(', ');
      this.#give(
        `no positionMultiEnd from TWS within ${this.o.timeoutMs} ms for ${missing}: the snapshot is incomplete`,
      );
    });
    this.log.debug('snapshot requested', { requests: requests.map((r) => `${r.reqId}:${r.account}`) });
    return true;
  }

  /**
   * A positionMulti row. True when it belongs to the snapshot in flight (its request has not
   * ended): the caller may let the book learn it. Anything else is a push to a request that has
   * ended or been given up, which the live stream reports on its own.
   */
  row(reqId: number, row: PositionRow): boolean {
    return this.#round?.add(reqId, row) ?? false;
  }

  /** A positionMulti row that cannot be read: a snapshot without it could report a false alarm. */
  unreadableRow(reqId: number, problem: string): void {
    if (this.#round?.isOpen(reqId)) this.#give(`TWS sent a position the adapter cannot read (${problem})`);
  }

  end(reqId: number): void {
    const round = this.#round;
    const request = round?.end(reqId);
    if (!round || !request) {
      if (this.#isOurs(reqId))
        this.log.debug('ignored the end of a snapshot request that is over', { reqId });
      return;
    }
    this.sender.cancelPositionsMulti(reqId);
    if (!round.complete) return;
    this.#clear();
    this.log.debug('snapshot complete', { requests: round.requests.length, rows: round.rows().length });
    this.outcome.completed(round.rows());
  }

  /** An error for `reqId`; true when that id is ours (handled here), false for anyone else's. */
  error(reqId: number, code: number, message: string): boolean {
    if (!this.#isOurs(reqId)) return false;
    const round = this.#round;
    const request = round?.requests.find((r) => r.reqId === reqId);
    if (!round || !request || !round.isOpen(reqId)) {
      this.log.debug('ignored an error for a snapshot request that is over', { reqId, code, message });
      return true;
    }
    const kind = classifyRequestError(code, message);
    if (kind === 'warning') {
      this.log.debug('TWS warning about a snapshot request', { reqId, code, message });
      return true;
    }
    // A refused request has nothing to cancel; the others of its snapshot do.
    round.end(reqId);
    const reason = `TWS refused the positions request for ${request.account} (${code}: ${message})`;
    if (kind === 'unsupported') {
      this.#cancelOpen(round);
      this.#clear();
      this.outcome.unsupported(reason);
      return true;
    }
    this.#give(reason);
    return true;
  }

  /** Gives the snapshot in flight up without reporting it: the caller already knows why. */
  abandon(): void {
    const round = this.#round;
    if (!round) return;
    this.#cancelOpen(round);
    this.#clear();
  }

  /** The connection is gone, and with it every request: there is nothing left to cancel. */
  forget(): void {
    this.#clear();
  }

  #give(reason: string): void {
    this.abandon();
    this.outcome.failed(reason);
  }

  /** Cancels the requests that have not ended; sending fails harmlessly on a closed socket. */
  #cancelOpen(round: MultiSnapshotRound): void {
    for (const { reqId } of round.requests) {
      if (round.isOpen(reqId) && this.#sent.has(reqId)) this.sender.cancelPositionsMulti(reqId);
    }
  }

  #clear(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#round = undefined;
    this.#sent.clear();
  }

  #isOurs(reqId: number): boolean {
    return reqId >= this.#firstReqId && reqId < this.#nextReqId;
  }
}
