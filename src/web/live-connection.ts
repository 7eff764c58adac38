import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import type { DashboardAction } from './dashboard-state.js';
import type {
  DashboardDiscrepanciesSubscription,
  DashboardPositionsSubscription,
  DashboardQuery as DashboardQueryResult,
  DashboardRunsSubscription,
  DashboardStatusSubscription,
} from './gql/graphql.js';
import {
  DashboardQuery,
  DiscrepancyChangedSubscription,
  PositionUpdatedSubscription,
  RunCompletedSubscription,
  StatusChangedSubscription,
} from './operations.js';

/** What the page can say about its link to the service. */
export type LinkState =
  | { readonly kind: 'connecting'; readonly attempt: number }
  | { readonly kind: 'online'; readonly since: number }
  | {
      readonly kind: 'offline';
      readonly reason: string;
      /** When the next attempt starts (epoch ms). */
      readonly retryAt: number;
      readonly attempt: number;
    }
  /** The service wants a key (none was sent) or refused the one sent: retrying will not help. */
  | { readonly kind: 'unauthorized'; readonly refused: boolean };

export interface LiveSink {
  onState(state: LinkState): void;
  /** Actions in the order they must be applied. */
  onActions(actions: DashboardAction[]): void;
}

export interface LiveConnectionOptions {
  readonly url: string;
  readonly apiKey: string | null;
  /** A WebSocket class where there is no global one (Node). */
  readonly webSocketImpl?: unknown;
  /** Waits between attempts; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
  /** How often the page pings the service, and how long it waits for the pong. */
  readonly keepAliveMs?: number;
  readonly pongTimeoutMs?: number;
  readonly now?: () => number;
}

export interface Cursors {
  readonly position: string | null;
  readonly discrepancy: string | null;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 3000, 5000];
const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;
const PONG_TIMEOUT = 4408;

type GraphqlErrors = readonly { message: string; extensions?: Record<string, unknown> }[];

/**
 * The page's one WebSocket. On every connection it subscribes to the four streams (positions and
 * discrepancies resuming from their last cursors) and only then asks for a snapshot on the same
 * socket. The service handles a socket's messages in order, so the streams are listening before
 * the snapshot is read: nothing can fall between the two. Events that arrive before the snapshot
 * are held and delivered right after it.
 *
 * graphql-ws would re-send a subscription with its first variables, so each attempt is a fresh
 * client subscribed with the cursors of the moment. A socket that stops answering pings is closed
 * and counts as lost, so a dead network shows as offline instead of a silent page.
 */
export class LiveConnection {
  readonly #options: LiveConnectionOptions;
  readonly #sink: LiveSink;
  readonly #now: () => number;
  #cursors: { position: string | null; discrepancy: string | null } = { position: null, discrepancy: null };
  #client: Client | undefined;
  #attempt = 0;
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #state: LinkState = { kind: 'connecting', attempt: 0 };

  constructor(options: LiveConnectionOptions, sink: LiveSink) {
    this.#options = options;
    this.#sink = sink;
    this.#now = options.now ?? Date.now;
  }

  get state(): LinkState {
    return this.#state;
  }

  /** Where each resumable stream would resume. */
  get cursors(): Cursors {
    return { ...this.#cursors };
  }

  start(): void {
    this.#connect();
  }

  /** While offline, tries again at once instead of waiting for the next attempt. */
  retryNow(): void {
    if (this.#stopped || this.#state.kind !== 'offline') return;
    clearTimeout(this.#retry);
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    if (client) disposeQuietly(client);
  }

  #setState(state: LinkState): void {
    this.#state = state;
    this.#sink.onState(state);
  }

  #connect(): void {
    if (this.#stopped) return;
    this.#setState({ kind: 'connecting', attempt: this.#attempt });
    let failure: string | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    let socket: { close(code: number, reason: string): void } | undefined;
    const client: Client = createClient({
      url: this.#options.url,
      lazy: false,
      retryAttempts: 0,
      // Every close reaches `closed` below; the library would also print it to the console.
      onNonLazyError: () => {},
      keepAlive: this.#options.keepAliveMs ?? 10_000,
      connectionAckWaitTimeout: 10_000,
      ...(this.#options.webSocketImpl ? { webSocketImpl: this.#options.webSocketImpl } : {}),
      connectionParams: this.#options.apiKey ? { authorization: `Bearer ${this.#options.apiKey}` } : {},
      on: {
        connected: (s) => {
          if (this.#client !== client) return;
          socket = s as typeof socket;
          this.#subscribeAll(client, (reason) => {
            failure ??= reason;
            disposeQuietly(client);
          });
        },
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          pongTimer = setTimeout(
            () => socket?.close(PONG_TIMEOUT, 'the service stopped answering'),
            this.#options.pongTimeoutMs ?? 5_000,
          );
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (this.#client !== client) return;
          this.#client = undefined;
          disposeQuietly(client);
          const code = (event as { code?: number } | undefined)?.code;
          if (code === UNAUTHORIZED || code === FORBIDDEN) {
            this.#stopped = true;
            this.#setState({ kind: 'unauthorized', refused: code === FORBIDDEN });
            return;
          }
          this.#scheduleReconnect(failure ?? describeClose(code));
        },
      },
    });
    this.#client = client;
  }

  #scheduleReconnect(reason: string): void {
    if (this.#stopped) return;
    const delays = this.#options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const delay = delays[Math.min(this.#attempt, delays.length - 1)] ?? 5000;
    this.#attempt += 1;
    this.#setState({ kind: 'offline', reason, retryAt: this.#now() + delay, attempt: this.#attempt });
    this.#retry = setTimeout(() => this.#connect(), delay);
  }

  #subscribeAll(client: Client, fail: (reason: string) => void): void {
    // Cursors advance only when their event reaches the page, so a resume never skips one.
    let held: { action: DashboardAction; advance: (() => void) | undefined }[] | null = [];
    const deliver = (action: DashboardAction, advance?: () => void) => {
      if (held) {
        held.push({ action, advance });
        return;
      }
      advance?.();
      this.#sink.onActions([action]);
    };
    const onError = (stream: 'position' | 'discrepancy' | null) => (error: unknown) => {
      const errors = Array.isArray(error) ? (error as GraphqlErrors) : undefined;
      // A cursor the service no longer understands would fail every resume: start that stream
      // live instead (the snapshot that follows covers what it would have replayed).
      if (stream && errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
        this.#cursors[stream] = null;
      }
      fail(errors?.[0]?.message ?? 'a live stream failed');
    };
    const sinkOf = <T>(stream: 'position' | 'discrepancy' | null, next: (data: T) => void) => ({
      next: (result: FormattedExecutionResult<T, unknown>) => {
        if (result.errors?.length) return onError(stream)(result.errors);
        if (result.data) next(result.data);
      },
      error: onError(stream),
      complete: () => fail('the service ended a live stream'),
    });

    client.subscribe<DashboardPositionsSubscription>(
      { query: PositionUpdatedSubscription.toString(), variables: { after: this.#cursors.position } },
      sinkOf('position', ({ positionUpdated: e }) =>
        deliver({ type: 'position', position: e.position }, () => {
          this.#cursors.position = e.cursor;
        }),
      ),
    );
    client.subscribe<DashboardDiscrepanciesSubscription>(
      {
        query: DiscrepancyChangedSubscription.toString(),
        variables: { after: this.#cursors.discrepancy },
      },
      sinkOf('discrepancy', ({ discrepancyChanged: e }) =>
        deliver({ type: 'discrepancy', discrepancy: e.discrepancy }, () => {
          this.#cursors.discrepancy = e.cursor;
        }),
      ),
    );
    client.subscribe<DashboardRunsSubscription>(
      { query: RunCompletedSubscription.toString() },
      sinkOf(null, ({ reconciliationCompleted: run }) => deliver({ type: 'run', run })),
    );
    client.subscribe<DashboardStatusSubscription>(
      { query: StatusChangedSubscription.toString() },
      sinkOf(null, ({ statusChanged: status }) => deliver({ type: 'status', status })),
    );
    // Sent last on the same socket: see the class comment.
    let answered = false;
    client.subscribe<DashboardQueryResult>(
      { query: DashboardQuery.toString() },
      {
        next: (result) => {
          answered = true;
          if (result.errors?.length || !result.data) {
            fail(`the snapshot could not be read: ${result.errors?.[0]?.message ?? 'no data'}`);
            return;
          }
          const data = result.data;
          const pending = held ?? [];
          held = null;
          for (const h of pending) h.advance?.();
          this.#attempt = 0;
          this.#sink.onActions([
            {
              type: 'snapshot',
              at: this.#now(),
              snapshot: {
                role: data.viewer.role,
                status: data.status,
                positions: data.positions,
                discrepancies: data.discrepancies,
                runs: data.reconciliationRuns.edges.map((e) => e.node),
              },
            },
            ...pending.map((h) => h.action),
          ]);
          this.#setState({ kind: 'online', since: this.#now() });
        },
        error: (error) =>
          fail(
            Array.isArray(error)
              ? `the snapshot could not be read: ${(error as GraphqlErrors)[0]?.message}`
              : 'the snapshot could not be read',
          ),
        complete: () => {
          if (!answered) fail('the snapshot could not be read: no answer');
        },
      },
    );
  }
}

/** Disposing a client whose connection attempt was just refused rejects with that refusal. */
function disposeQuietly(client: Client): void {
  Promise.resolve(client.dispose()).catch(() => {});
}

function describeClose(code: number | undefined): string {
  switch (code) {
    case undefined:
    case 1006:
      return 'the service cannot be reached';
    case 1001:
      return 'the service is restarting or shutting down';
    case PONG_TIMEOUT:
      return 'the service stopped answering';
    default:
      return `the connection closed (code ${code})`;
  }
}
