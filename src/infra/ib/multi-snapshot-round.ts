import { keyId } from '../../domain/position.js';
import type { PositionRow } from './ib-rows.js';

/** One reqPositionsMulti of a snapshot: the account it asks for, under its own request id. */
export interface AccountRequest {
  readonly reqId: number;
  readonly account: string;
}

/**
 * One snapshot taken with reqPositionsMulti: a request per managed account, each answered by
 * rows carrying its id and ended by positionMultiEnd with the same id. The snapshot is complete
 * only once every request has ended. A request's rows count until its end; later rows with its
 * id are pushes of changes the live stream reports anyway, and are not part of the snapshot.
 */
export class MultiSnapshotRound {
  readonly requests: readonly AccountRequest[];
  /** Requests still waiting for their end, by id. */
  readonly #open = new Map<number, AccountRequest>();
  readonly #ids: ReadonlySet<number>;
  readonly #rows = new Map<string, PositionRow>();

  constructor(requests: readonly AccountRequest[]) {
    if (requests.length === 0) throw new RangeError('a snapshot needs at least one account request');
    this.requests = [...requests];
    this.#ids = new Set(requests.map((r) => r.reqId));
    if (this.#ids.size !== requests.length) throw new RangeError('request ids of a snapshot must differ');
    for (const request of requests) this.#open.set(request.reqId, request);
  }

  /** The id is one of this snapshot's requests (ended or not). */
  has(reqId: number): boolean {
    return this.#ids.has(reqId);
  }

  /** Whether the request is still being answered. */
  isOpen(reqId: number): boolean {
    return this.#open.has(reqId);
  }

  /** Records a row of request `reqId`; false (nothing recorded) once that request has ended. */
  add(reqId: number, row: PositionRow): boolean {
    if (!this.#open.has(reqId)) return false;
    this.#rows.set(keyId({ account: row.account, conId: row.contract.conId }), row);
    return true;
  }

  /** Request `reqId` ended; returns the request, or undefined if it was not open. */
  end(reqId: number): AccountRequest | undefined {
    const request = this.#open.get(reqId);
    this.#open.delete(reqId);
    return request;
  }

  get complete(): boolean {
    return this.#open.size === 0;
  }

  /** Accounts whose request has not ended yet. */
  get waitingFor(): string[] {
    return [...this.#open.values()].map((r) => r.account);
  }

  /** The latest row per key over every request. */
  rows(): PositionRow[] {
    return [...this.#rows.values()];
  }
}
