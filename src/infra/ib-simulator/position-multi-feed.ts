import type { ClientConnection } from './client-connection.js';
import type { Cancel } from './clock.js';
import type { EndMarkers } from './end-markers.js';
import type { SimulatedPosition } from './simulated-book.js';

/** One REQ_POSITIONS_MULTI that has not been cancelled. */
interface MultiSubscription {
  readonly account: string;
  readonly modelCode: string;
  /** Calls off an end marker still to come. */
  cancelEnd: Cancel | undefined;
}

/**
 * The reqPositionsMulti feed: each request names one account (and a model) and gets that
 * account's rows with the request's id (closed-today rows with quantity 0), then
 * POSITION_MULTI_END with the same id, then a push of each change of the account, until it is
 * cancelled. The simulator has no models: a request for a model gets no rows, only its end.
 * The end marker follows EndMarkers (delayed or withheld like POSITION_END).
 */
export class PositionMultiFeed {
  readonly #byConnection = new Map<ClientConnection, Map<number, MultiSubscription>>();

  constructor(
    private readonly ends: EndMarkers,
    private readonly onWithheld: (connection: ClientConnection, reqId: number) => void,
  ) {}

  /** Requests that are answered or pushed to now, over every connection. */
  get subscriptionCount(): number {
    let count = 0;
    for (const requests of this.#byConnection.values()) count += requests.size;
    return count;
  }

  /**
   * Starts a request: `rows` are the account's rows now. An id the connection is already using
   * replaces that request, as the client has evidently forgotten it.
   */
  subscribe(
    connection: ClientConnection,
    reqId: number,
    account: string,
    modelCode: string,
    rows: readonly SimulatedPosition[],
  ): void {
    this.unsubscribe(connection, reqId);
    const subscription: MultiSubscription = { account, modelCode, cancelEnd: undefined };
    const requests = this.#byConnection.get(connection) ?? new Map<number, MultiSubscription>();
    requests.set(reqId, subscription);
    this.#byConnection.set(connection, requests);
    if (modelCode === '') {
      for (const row of rows) connection.send((e) => e.positionMulti(reqId, row, modelCode));
    }
    subscription.cancelEnd = this.ends.schedule(
      () => {
        subscription.cancelEnd = undefined;
        connection.send((e) => e.positionMultiEnd(reqId));
      },
      () => this.onWithheld(connection, reqId),
    );
  }

  /** CANCEL_POSITIONS_MULTI: no more rows, pushes or end marker for that id. */
  unsubscribe(connection: ClientConnection, reqId: number): boolean {
    const requests = this.#byConnection.get(connection);
    const subscription = requests?.get(reqId);
    if (!requests || !subscription) return false;
    subscription.cancelEnd?.();
    requests.delete(reqId);
    if (requests.size === 0) this.#byConnection.delete(connection);
    return true;
  }

  /** A closed socket: every request it made ends with it. */
  unsubscribeConnection(connection: ClientConnection): void {
    for (const reqId of [...(this.#byConnection.get(connection)?.keys() ?? [])]) {
      this.unsubscribe(connection, reqId);
    }
  }

  /** 1101 (data lost): TWS forgets every request, as it forgets every other subscription. */
  unsubscribeAll(): void {
    for (const connection of [...this.#byConnection.keys()]) this.unsubscribeConnection(connection);
  }

  /** A change of a position: to every request for its account, with that request's id. */
  push(position: SimulatedPosition): void {
    for (const [connection, requests] of this.#byConnection) {
      for (const [reqId, subscription] of requests) {
        if (subscription.account !== position.account || subscription.modelCode !== '') continue;
        connection.send((e) => e.positionMulti(reqId, position));
      }
    }
  }
}
