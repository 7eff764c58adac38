import { accountValues } from './account-values.js';
import type { ClientConnection } from './client-connection.js';
import type { Cancel, Clock } from './clock.js';
import type { SimulatedBook, SimulatedPosition } from './simulated-book.js';

const TIME_OF_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/New_York',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface AccountSubscription {
  readonly connection: ClientConnection;
  readonly account: string;
}

/**
 * The reqAccountUpdates feed. As in TWS, one account is subscribed at a time across all clients:
 * a new subscription replaces the previous one. The subscriber gets the account's values, its
 * portfolio rows, the update time and ACCT_DOWNLOAD_END; then a push on every change of the
 * account's positions, and every refresh interval the rows again at current prices.
 */
export class PortfolioFeed {
  #subscription: AccountSubscription | undefined;
  #cancelTimer: Cancel | undefined;

  constructor(
    private readonly book: SimulatedBook,
    private readonly clock: Clock,
    private readonly refreshMs: number,
    private readonly onRefresh: (subscription: AccountSubscription) => void,
  ) {}

  get subscription(): AccountSubscription | undefined {
    return this.#subscription;
  }

  start(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = this.clock.schedule(this.refreshMs, () => {
      this.refresh();
      this.start();
    });
  }

  stop(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  /** Returns the subscription this one replaced (another client's, or another account's). */
  subscribe(connection: ClientConnection, account: string): AccountSubscription | undefined {
    const previous = this.#subscription;
    this.#subscription = { connection, account };
    this.#sendAccount(this.#subscription);
    connection.send((e) => e.accountDownloadEnd(account));
    const same = previous?.connection === connection && previous.account === account;
    return same ? undefined : previous;
  }

  /** Returns whether `connection` held the subscription. */
  unsubscribe(connection: ClientConnection): boolean {
    if (this.#subscription?.connection !== connection) return false;
    this.#subscription = undefined;
    return true;
  }

  /** Re-sends the subscribed account's values and rows; returns false when nobody subscribes. */
  refresh(): boolean {
    const subscription = this.#subscription;
    if (!subscription) return false;
    this.#sendAccount(subscription);
    this.onRefresh(subscription);
    return true;
  }

  /** A position of the subscribed account changed: its row, the account values and the time. */
  push(position: SimulatedPosition): void {
    const subscription = this.#subscription;
    if (!subscription || subscription.account !== position.account) return;
    const { connection, account } = subscription;
    connection.send((e) => e.portfolioValue(position));
    this.#sendValues(connection, account);
    connection.send((e) => e.accountUpdateTime(this.#timeOfDay()));
  }

  #sendAccount({ connection, account }: AccountSubscription): void {
    this.#sendValues(connection, account);
    for (const position of this.book.positionsOf(account)) connection.send((e) => e.portfolioValue(position));
    connection.send((e) => e.accountUpdateTime(this.#timeOfDay()));
  }

  #sendValues(connection: ClientConnection, account: string): void {
    const values = accountValues(account, this.book.cash(account), this.book.positionsOf(account));
    for (const value of values) connection.send((e) => e.accountValue(value));
  }

  /** TWS stamps account updates with the time of day, `HH:mm`. */
  #timeOfDay(): string {
    return TIME_OF_DAY.format(this.clock.now());
  }
}
