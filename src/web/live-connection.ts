import { type Client, createClient } from 'graphql-ws';
import type {
  DashboardDiscrepanciesSubscription,
  DashboardPositionsSubscription,
  DashboardRunsSubscription,
  DashboardStatusSubscription,
} from './gql/graphql.js';
import {
  DiscrepancyChangedSubscription,
  PositionUpdatedSubscription,
  RunCompletedSubscription,
  StatusChangedSubscription,
} from './operations.js';

export interface LiveHandlers {
  /**
   * Called once the socket is open and acknowledged, just before the subscriptions are sent: the
   * place to start buffering events and reload a snapshot.
   */
  onOnline(): void;
  onOffline(reason: string): void;
  onPosition(event: DashboardPositionsSubscription['positionUpdated']): void;
  onDiscrepancy(event: DashboardDiscrepanciesSubscription['discrepancyChanged']): void;
  onRun(run: DashboardRunsSubscription['reconciliationCompleted']): void;
  onStatus(status: DashboardStatusSubscription['statusChanged']): void;
  /** The key was refused: retrying will not help. */
  onUnauthorized(): void;
}

export interface Cursors {
  readonly position: string | null;
  readonly discrepancy: string | null;
}

const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/**
 * The page's WebSocket: four subscriptions that resume from their last cursors after every
 * reconnect. graphql-ws would re-send a subscription with its first variables, so each connection
 * is a fresh client subscribed with the cursors of the moment.
 */
export class LiveConnection {
  #client: Client | undefined;
  #attempt = 0;
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly apiKey: string | null,
    private readonly cursors: () => Cursors,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    void this.#client?.dispose();
  }

  #connect(): void {
    if (this.#stopped) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    let closedOnce = false;
    const client = createClient({
      url,
      lazy: false,
      retryAttempts: 0,
      connectionParams: this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {},
      on: {
        connected: () => {
          this.#attempt = 0;
          this.handlers.onOnline();
          this.#subscribeAll(client);
        },
        closed: (event) => {
          if (closedOnce) return;
          closedOnce = true;
          const code = (event as CloseEvent).code;
          void client.dispose();
          if (code === 4401 || code === 4403) {
            this.handlers.onUnauthorized();
            return;
          }
          this.handlers.onOffline(`connection closed (${code})`);
          this.#scheduleReconnect();
        },
      },
    });
    this.#client = client;
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.#attempt, RETRY_DELAYS_MS.length - 1)] ?? 8000;
    this.#attempt++;
    this.#retry = setTimeout(() => this.#connect(), delay);
  }

  #subscribeAll(client: Client): void {
    const { position, discrepancy } = this.cursors();
    // A subscription that fails (a slow consumer told to resume, a server error) restarts the
    // connection, which resumes every stream from its cursor.
    const ignoreErrors = { error: () => void client.dispose(), complete: () => {} };
    client.subscribe<DashboardPositionsSubscription>(
      { query: PositionUpdatedSubscription.toString(), variables: { after: position } },
      { ...ignoreErrors, next: (r) => r.data && this.handlers.onPosition(r.data.positionUpdated) },
    );
    client.subscribe<DashboardDiscrepanciesSubscription>(
      { query: DiscrepancyChangedSubscription.toString(), variables: { after: discrepancy } },
      { ...ignoreErrors, next: (r) => r.data && this.handlers.onDiscrepancy(r.data.discrepancyChanged) },
    );
    client.subscribe<DashboardRunsSubscription>(
      { query: RunCompletedSubscription.toString() },
      { ...ignoreErrors, next: (r) => r.data && this.handlers.onRun(r.data.reconciliationCompleted) },
    );
    client.subscribe<DashboardStatusSubscription>(
      { query: StatusChangedSubscription.toString() },
      { ...ignoreErrors, next: (r) => r.data && this.handlers.onStatus(r.data.statusChanged) },
    );
  }
}
