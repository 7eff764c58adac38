import { createServer, type Server, type Socket } from 'node:net';
import type { Cancel, Clock } from './clock.js';

export type StopReason = 'restart' | 'close';

export interface ListenerHooks {
  readonly socket: (socket: Socket) => void;
  readonly opened: (port: number) => void;
  readonly closed: (reason: StopReason) => void;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A listening TCP port that can be closed for real (connecting then fails with ECONNREFUSED) and
 * opened again on the same port number, at once or after a pause on a clock.
 */
export class TcpListener {
  #server: Server | undefined;
  #closing: Promise<void> | undefined;
  #opening: Promise<void> | undefined;
  #port: number;
  #cancelReopen: Cancel | undefined;
  /** Closed for good: a reopen still under way does nothing. */
  #shut = false;
  readonly #reopenWaiters: Waiter[] = [];

  constructor(
    readonly host: string,
    port: number,
    private readonly clock: Clock,
    private readonly hooks: ListenerHooks,
  ) {
    this.#port = port;
  }

  /** The port in use: the one asked for, or the one the system chose for 0. */
  get port(): number {
    return this.#port;
  }

  get listening(): boolean {
    return this.#server?.listening ?? false;
  }

  /** Listens; a call while already listening, or opening, shares that outcome. */
  open(): Promise<void> {
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /**
   * Stops accepting at once; resolves when the sockets it accepted are gone too. Closing with
   * reason 'close' is for good.
   */
  async close(reason: StopReason = 'close'): Promise<void> {
    if (reason === 'close') {
      this.#shut = true;
      this.#abandonReopen();
    }
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#closing = new Promise<void>((resolve) => server.close(() => resolve()));
    await this.#closing;
    this.hooks.closed(reason);
  }

  /**
   * Closes now and opens again after `pauseMs` on the clock; resolves once open again. Everything
   * up to the timer happens before this returns, so a test can advance its clock right after.
   * A restart during a pause supersedes it: every caller resolves when the port is open again.
   */
  restart(pauseMs: number): Promise<void> {
    this.#cancelReopen?.();
    this.#cancelReopen = undefined;
    const reopened = new Promise<void>((resolve, reject) => this.#reopenWaiters.push({ resolve, reject }));
    const closed = this.close('restart');
    const reopen = () => {
      this.#cancelReopen = undefined;
      const waiters = this.#reopenWaiters.splice(0);
      closed
        .then(() => this.open())
        .then(
          () => {
            for (const w of waiters) w.resolve();
          },
          (error: unknown) => {
            for (const w of waiters) w.reject(error);
          },
        );
    };
    if (pauseMs > 0) this.#cancelReopen = this.clock.schedule(pauseMs, reopen);
    else reopen();
    return reopened;
  }

  /** A pending reopen will not happen; its callers resolve now. */
  #abandonReopen(): void {
    this.#cancelReopen?.();
    this.#cancelReopen = undefined;
    for (const waiter of this.#reopenWaiters.splice(0)) waiter.resolve();
  }

  async #open(): Promise<void> {
    await this.#closing;
    if (this.#server || this.#shut) return;
    const server = createServer((socket) => this.hooks.socket(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
    this.hooks.opened(this.#port);
  }
}
