import type { Cancel, Clock } from '../../domain/clock.js';

/**
 * Who asked for a reqPositions list: the live feed (its starting list after a connect or a
 * resubscription) or a snapshot for reconciliation.
 */
export type PositionRequestPurpose = 'feed' | 'snapshot';

/** One reqPositions sent on the current connection, and the rows received for it so far. */
export interface PositionRequest<Row> {
  readonly id: number;
  readonly purpose: PositionRequestPurpose;
  readonly issuedAt: Date;
  /** The latest row per key received while this request was the one being answered. */
  readonly rows: Map<string, Row>;
}

export interface LedgerOptions<Row> {
  readonly clock: Clock;
  /** How long a request may wait for its positionEnd. */
  readonly deadlineMs: number;
  /** A request is still unanswered at its deadline. */
  readonly overdue: (request: PositionRequest<Row>) => void;
}

/**
 * IB answers reqPositions with rows then positionEnd, and gives neither a request id. TWS answers
 * requests on one connection in the order it received them, so the outstanding requests form a
 * queue: rows belong to the oldest outstanding request, and each positionEnd answers it.
 *
 * A request stays in the queue until its positionEnd arrives, even when the caller has given up
 * on it: removing it would let its late positionEnd be taken for the answer to the next request,
 * which would then complete with rows missing. A request still unanswered at its deadline is
 * reported as overdue: from then on no answer on the connection can be matched with certainty.
 */
export class PositionRequestLedger<Row> {
  #queue: PositionRequest<Row>[] = [];
  readonly #deadlines = new Map<number, Cancel>();
  #nextId = 1;

  constructor(private readonly o: LedgerOptions<Row>) {}

  /** Records a request about to be sent. */
  issue(purpose: PositionRequestPurpose): PositionRequest<Row> {
    const request: PositionRequest<Row> = {
      id: this.#nextId++,
      purpose,
      issuedAt: this.o.clock.now(),
      rows: new Map(),
    };
    this.#queue.push(request);
    this.#deadlines.set(
      request.id,
      this.o.clock.schedule(this.o.deadlineMs, () => {
        this.#deadlines.delete(request.id);
        if (this.#queue.includes(request)) this.o.overdue(request);
      }),
    );
    return request;
  }

  /** The request that rows arriving now answer; undefined when none is outstanding (live rows). */
  get answering(): PositionRequest<Row> | undefined {
    return this.#queue[0];
  }

  get outstanding(): number {
    return this.#queue.length;
  }

  /** A positionEnd arrived: returns the request it completes, or undefined if none was outstanding. */
  answer(): PositionRequest<Row> | undefined {
    const request = this.#queue.shift();
    if (request) this.#cancelDeadline(request.id);
    return request;
  }

  /** The connection is gone, and every answer with it. Returns what was outstanding. */
  clear(): PositionRequest<Row>[] {
    const dropped = this.#queue;
    this.#queue = [];
    for (const id of [...this.#deadlines.keys()]) this.#cancelDeadline(id);
    return dropped;
  }

  #cancelDeadline(id: number): void {
    this.#deadlines.get(id)?.();
    this.#deadlines.delete(id);
  }
}
