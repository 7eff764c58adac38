import { EventName, IBApi } from '@stoqey/ib';

export interface RecordedEvent {
  readonly name: string;
  readonly args: readonly unknown[];
}

export interface ClientError {
  readonly message: string;
  readonly code: number;
  readonly reqId: number;
}

export interface ClientInfo {
  readonly message: string;
  readonly code: number;
}

const DEFAULT_WAIT_MS = 10_000;
const NOISE = new Set<string>([EventName.sent, EventName.received]);

/**
 * The real, unmodified @stoqey/ib `IBApi`, with every event it emits recorded in order so that a
 * test can wait for one (never sleep) and assert on what a user of the client would see.
 */
export class RecordingClient {
  readonly api: IBApi;
  readonly events: RecordedEvent[] = [];
  readonly #waiters = new Set<() => void>();
  #connectCalled = false;

  constructor(
    readonly port: number,
    readonly clientId: number,
  ) {
    // Host, port, client id and rate explicit: the npm build has no defaults and reads .env otherwise.
    this.api = new IBApi({ host: '127.0.0.1', port, clientId, maxReqPerSec: 40 });
    this.api.on(EventName.all, (name: string, args: unknown[]) => {
      if (NOISE.has(name)) return;
      this.events.push({ name, args });
      for (const wake of [...this.#waiters]) wake();
    });
  }

  /** Connects and waits until the client is ready (`nextValidId`). */
  static async ready(port: number, clientId: number): Promise<RecordingClient> {
    const client = new RecordingClient(port, clientId);
    client.connect();
    await client.waitFor(EventName.nextValidId);
    return client;
  }

  connect(): void {
    this.#connectCalled = true;
    this.api.connect(this.clientId);
  }

  /** Args of every recorded event of that name, in order. */
  all(name: string): (readonly unknown[])[] {
    return this.events.filter((e) => e.name === name).map((e) => e.args);
  }

  count(name: string): number {
    return this.events.filter((e) => e.name === name).length;
  }

  errors(): ClientError[] {
    return this.all(EventName.error).map(([error, code, reqId]) => ({
      message: error instanceof Error ? error.message : String(error),
      code: Number(code),
      reqId: Number(reqId),
    }));
  }

  infos(): ClientInfo[] {
    return this.all(EventName.info).map(([message, code]) => ({
      message: String(message),
      code: Number(code),
    }));
  }

  /** How many events have been recorded: pass it as `after` to wait only for later ones. */
  mark(): number {
    return this.events.length;
  }

  /** Resolves with the args of the first event `name` (after index `after`) matching `accept`. */
  async waitFor(
    name: string,
    accept: (args: readonly unknown[]) => boolean = () => true,
    { after = 0, timeoutMs = DEFAULT_WAIT_MS }: { after?: number; timeoutMs?: number } = {},
  ): Promise<readonly unknown[]> {
    let found: readonly unknown[] | undefined;
    await this.waitUntil(
      () => {
        found = this.events.slice(after).find((e) => e.name === name && accept(e.args))?.args;
        return found !== undefined;
      },
      `event "${name}"`,
      timeoutMs,
    );
    return found as readonly unknown[];
  }

  /** Re-checks `condition` on every event until it holds. */
  waitUntil(condition: () => boolean, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        const seen = this.events.map((e) => e.name).join(', ');
        reject(new Error(`client ${this.clientId}: no ${what} within ${timeoutMs} ms; saw: ${seen}`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  /**
   * A round trip through the server: asks for the time and waits for the answer. TCP keeps order,
   * so anything the server sent before answering has been received once this resolves.
   */
  async roundTrip(): Promise<void> {
    const after = this.mark();
    this.api.reqCurrentTime();
    await this.waitFor(EventName.currentTime, () => true, { after });
  }

  /** Disconnects if the socket is still up and waits for `disconnected`. */
  async disconnect(): Promise<void> {
    const states = this.events.filter(
      (e) => e.name === EventName.connected || e.name === EventName.disconnected,
    );
    if (!this.#connectCalled || states.at(-1)?.name === EventName.disconnected) return;
    const after = this.mark();
    this.api.disconnect();
    await this.waitFor(EventName.disconnected, () => true, { after, timeoutMs: 5_000 }).catch(() => {});
  }
}
