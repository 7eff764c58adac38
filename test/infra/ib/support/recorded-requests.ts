import type { IBApi } from '@stoqey/ib';
import type { ConnectivityLoss, FeedConnection } from '../../../../src/infra/ib/feed-connection.js';

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

  /** The requests the product sends, as the client's methods take them. */
  readonly #api = {
    reqPositions: () => this.sent.push('reqPositions'),
    reqAccountUpdates: (_subscribe: boolean, account: string) =>
      this.sent.push(`reqAccountUpdates ${account}`),
    reqPositionsMulti: (reqId: number, account: string) => {
      this.sent.push(`reqPositionsMulti ${reqId} ${account}`);
      this.onPositionsMulti?.(reqId, account);
    },
    cancelPositionsMulti: (reqId: number) => this.sent.push(`cancelPositionsMulti ${reqId}`),
  };

  get accountUpdates(): string[] {
    return this.sent.filter((r) => r.startsWith('reqAccountUpdates ')).map((r) => r.slice(18));
  }

  send(request: (api: IBApi) => unknown): boolean {
    if (this.canSend) request(this.#api as unknown as IBApi);
    return this.canSend;
  }

  resync(reason: string): void {
    this.resyncs.push(reason);
  }
}
