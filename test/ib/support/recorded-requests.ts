import type { ConnectivityLoss, FeedConnection } from '../../../src/infra/ib/feed-connection.js';

/** A session that records what it was asked to send, as a session that is up would. */
export class RecordedRequests implements FeedConnection {
  /** Every request sent, in order, e.g. `reqPositionsMulti 3 DU111111` or `cancelPositionsMulti 3`. */
  readonly sent: string[] = [];
  /** Every reason given to start over on a fresh connection. */
  readonly resyncs: string[] = [];
  canSend = true;
  readonly endpoint = 'h:1';
  connectivityLoss: ConnectivityLoss | undefined;
  sessionAccounts: readonly string[] | undefined = ['DU1'];
  /** Runs inside reqPositionsMulti, as the client reports some refusals before it returns. */
  onPositionsMulti: ((reqId: number, account: string) => void) | undefined;

  get accountUpdates(): string[] {
    return this.#of('reqAccountUpdates');
  }

  reqPositions(): boolean {
    return this.#record('reqPositions');
  }

  reqAccountUpdates(account: string): boolean {
    return this.#record(`reqAccountUpdates ${account}`);
  }

  reqPositionsMulti(reqId: number, account: string): boolean {
    const sent = this.#record(`reqPositionsMulti ${reqId} ${account}`);
    if (sent) this.onPositionsMulti?.(reqId, account);
    return sent;
  }

  cancelPositionsMulti(reqId: number): boolean {
    return this.#record(`cancelPositionsMulti ${reqId}`);
  }

  resync(reason: string): void {
    this.resyncs.push(reason);
  }

  markHealthy(): void {}

  #record(request: string): boolean {
    if (this.canSend) this.sent.push(request);
    return this.canSend;
  }

  #of(kind: string): string[] {
    return this.sent.filter((r) => r.startsWith(`${kind} `)).map((r) => r.slice(kind.length + 1));
  }
}
