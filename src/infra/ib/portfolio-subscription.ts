import type { Cancel } from '../../domain/clock.js';
import type { Logger } from '../logger.js';
import { accountNotManagedHint } from './connection-hints.js';
import type { FeedConnection } from './feed-connection.js';
import type { ResolvedIbAdapterOptions } from './ib-adapter-options.js';

type DownloadState = 'idle' | 'awaiting-accounts' | 'running' | 'settled';

/**
 * The portfolio feed (reqAccountUpdates) of one account: the configured one, or the first the
 * login manages. Each subscription starts with a download that ends with accountDownloadEnd;
 * since some TWS builds never send it, the download also counts as over after a timeout.
 */
export class PortfolioSubscription {
  #state: DownloadState = 'idle';
  #account: string | undefined;
  /** Cancelling twice, or after the timer ran, does nothing. */
  #cancelTimer: Cancel = () => {};
  #reportedUnmanaged = false;

  constructor(
    private readonly o: ResolvedIbAdapterOptions,
    private readonly log: Logger,
    private readonly sender: FeedConnection,
    /** Called once the download of the current subscription is over (or there is none). */
    private readonly settled: () => void,
  ) {}

  /** The subscribed account, once chosen. */
  get account(): string | undefined {
    return this.#account;
  }

  /** True while the initial download runs: its rows are the feed's starting state. */
  get downloading(): boolean {
    return this.#state === 'running';
  }

  get isSettled(): boolean {
    return this.#state === 'settled';
  }

  /** Subscribes on the current session, now or as soon as TWS has listed its accounts. */
  subscribe(accounts: readonly string[] | undefined): void {
    this.#cancelTimer();
    this.#state = 'awaiting-accounts';
    this.#cancelTimer = this.o.clock.schedule(this.o.accountDownloadTimeoutMs, () => {
      this.log.warn('the portfolio feed did not finish its download in time; going on without waiting', {
        account: this.#account,
        timeoutMs: this.o.accountDownloadTimeoutMs,
      });
      this.#settle();
    });
    if (accounts) this.accountsListed(accounts);
  }

  accountsListed(managed: readonly string[]): void {
    if (this.#state !== 'awaiting-accounts') return;
    const configured = this.o.account;
    const account = configured ?? managed[0];
    if (account === undefined || (configured !== undefined && !managed.includes(configured))) {
      if (!this.#reportedUnmanaged) {
        this.#reportedUnmanaged = true;
        this.log.error(accountNotManagedHint(configured ?? '(none)', managed));
      }
      this.#settle();
      return;
    }
    if (!this.sender.send((api) => api.reqAccountUpdates(true, account))) return;
    this.#account = account;
    this.#state = 'running';
  }

  downloadEnd(account: unknown): void {
    if (this.#state !== 'running') return;
    if (account !== this.#account) this.log.debug('accountDownloadEnd names another account', { account });
    this.#settle();
  }

  /** The session is over: nothing is awaited any more. */
  end(): void {
    this.#cancelTimer();
    this.#state = 'idle';
  }

  #settle(): void {
    this.#cancelTimer();
    this.#state = 'settled';
    this.settled();
  }
}
