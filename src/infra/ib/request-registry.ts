import type { Cancel, Clock } from '../../domain/clock.js';

/**
 * The end marker that closes a kind of request, and the rows its answer carries. Most answers
 * carry their request's id (`positionMultiEnd(reqId)`, `execDetailsEnd(reqId)`); reqPositions
 * gets none, and TWS answers one connection's requests in the order it received them, so rows
 * and end markers without an id belong to the oldest request still waiting for that marker.
 */
export interface EndMarker<Row> {
  readonly name: string;
  readonly byId: boolean;
  /** Never set: it only ties the marker to its row type. */
  readonly row?: Row;
}

/** One request sent on the current connection that waits for its end marker. */
export interface PendingRequest<Row> {
  /** The id TWS answers under; for a request answered in order, a number of its own kind. */
  readonly id: number;
  readonly end: EndMarker<Row>;
  /** What it asks about: an account, or who asked (`feed`, `snapshot`). */
  readonly subject: string;
  readonly startedAt: Date;
  /** The latest row per key received for it so far. */
  readonly rows: Map<string, Row>;
}

interface Entry {
  readonly request: PendingRequest<unknown>;
  readonly cancelDeadline: Cancel;
}

/**
 * Every request of the adapter that TWS answers with rows then an end marker: the request, its
 * end marker, its deadline and the rows gathered so far. Start a request before sending it (the
 * client may refuse it before the send returns), end it at its marker, fail it when it is given
 * up: from then on its late rows, end and errors find nothing, and are ignored.
 *
 * Ids only grow for the adapter's life, so a late answer can never be taken for a later
 * request's. A request answered in order is never failed by its caller: its late end would be
 * taken for the next request's, which would then end with rows missing. It stays until its
 * marker arrives or the connection goes (`clear`).
 */
export class RequestRegistry {
  readonly #clock: Clock;
  readonly #byId = new Map<number, Entry>();
  readonly #inOrder: Entry[] = [];
  #nextReqId = 1;
  #nextOrdinal = 1;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Records a request about to be sent. `overdue` runs if it is still pending after `timeoutMs`;
   * the request stays pending (its end may yet come) unless `overdue` fails it.
   */
  start<Row>(
    end: EndMarker<Row>,
    subject: string,
    timeoutMs: number,
    overdue: (request: PendingRequest<Row>) => void,
  ): PendingRequest<Row> {
    const request: PendingRequest<Row> = {
      id: end.byId ? this.#nextReqId++ : this.#nextOrdinal++,
      end,
      subject,
      startedAt: this.#clock.now(),
      rows: new Map(),
    };
    const cancelDeadline = this.#clock.schedule(timeoutMs, () => {
      if (this.isPending(request)) overdue(request);
    });
    const entry: Entry = { request, cancelDeadline };
    if (end.byId) this.#byId.set(request.id, entry);
    else this.#inOrder.push(entry);
    return request;
  }

  /** Whether TWS was ever given this id: an answer or error for it is ours, pending or not. */
  issued(reqId: number): boolean {
    return reqId >= 1 && reqId < this.#nextReqId;
  }

  /** The pending request an answer with this id and marker belongs to. */
  get<Row>(end: EndMarker<Row>, reqId: number): PendingRequest<Row> | undefined {
    const request = this.#byId.get(reqId)?.request;
    return request?.end === end ? (request as PendingRequest<Row>) : undefined;
  }

  /** The request an answer without an id belongs to: the oldest waiting for `end`. */
  oldest<Row>(end: EndMarker<Row>): PendingRequest<Row> | undefined {
    return this.#inOrder.find((e) => e.request.end === end)?.request as PendingRequest<Row> | undefined;
  }

  isPending(request: PendingRequest<unknown>): boolean {
    return this.#entry(request) !== undefined;
  }

  /** Its end marker arrived: it is answered. False when it was not pending. */
  end(request: PendingRequest<unknown>): boolean {
    return this.#remove(request);
  }

  /** Given up: nothing that arrives for it later counts. False when it was not pending. */
  fail(request: PendingRequest<unknown>): boolean {
    return this.#remove(request);
  }

  /** The connection is gone, and every answer with it: returns what was pending. */
  clear(): PendingRequest<unknown>[] {
    const entries = [...this.#byId.values(), ...this.#inOrder];
    for (const entry of entries) this.#remove(entry.request);
    return entries.map((e) => e.request);
  }

  #entry(request: PendingRequest<unknown>): Entry | undefined {
    if (request.end.byId) {
      const entry = this.#byId.get(request.id);
      return entry?.request === request ? entry : undefined;
    }
    return this.#inOrder.find((e) => e.request === request);
  }

  #remove(request: PendingRequest<unknown>): boolean {
    const entry = this.#entry(request);
    if (!entry) return false;
    entry.cancelDeadline();
    if (request.end.byId) this.#byId.delete(request.id);
    else this.#inOrder.splice(this.#inOrder.indexOf(entry), 1);
    return true;
  }
}
