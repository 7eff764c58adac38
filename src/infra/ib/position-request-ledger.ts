/**
 * Who asked for a reqPositions list: the live feed (its starting burst after a connect or a
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

/**
 * IB answers reqPositions with rows then positionEnd, and gives neither a request id. TWS answers
 * requests on one connection in the order it received them, so the outstanding requests form a
 * queue: rows belong to the oldest outstanding request, and each positionEnd answers it.
 *
 * A request stays in the queue until its positionEnd arrives, even when the caller has given up
 * on it: removing it would let its late positionEnd be taken for the answer to the next request,
 * which would then complete with rows missing.
 */
export class PositionRequestLedger<Row> {
  #queue: PositionRequest<Row>[] = [];
  #nextId = 1;

  /** Records a request about to be sent. */
  issue(purpose: PositionRequestPurpose, issuedAt: Date): PositionRequest<Row> {
    const request: PositionRequest<Row> = { id: this.#nextId++, purpose, issuedAt, rows: new Map() };
    this.#queue.push(request);
    return request;
  }

  /** The request that rows arriving now answer; undefined when none is outstanding (live rows). */
  get answering(): PositionRequest<Row> | undefined {
    return this.#queue[0];
  }

  get outstanding(): number {
    return this.#queue.length;
  }

  isOutstanding(request: PositionRequest<Row>): boolean {
    return this.#queue.includes(request);
  }

  /** A positionEnd arrived: returns the request it completes, or undefined if none was outstanding. */
  answer(): PositionRequest<Row> | undefined {
    return this.#queue.shift();
  }

  /** The connection is gone, and every answer with it. Returns what was outstanding. */
  clear(): PositionRequest<Row>[] {
    const dropped = this.#queue;
    this.#queue = [];
    return dropped;
  }
}
