import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A message between the benchmark and one of its processes; `requestId` marks those needing an answer. */
export interface ChannelMessage {
  readonly type: string;
  readonly requestId?: number;
  readonly [field: string]: unknown;
}

interface Answer {
  readonly requestId: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * A benchmark process (a server, or a crowd of subscribers) driven over Node's IPC channel. It
 * runs TypeScript through tsx with the garbage collector exposed, so that memory is measured after
 * a collection, and it exits by itself if this process goes away.
 */
export class BenchChild<Ready = Record<string, unknown>> {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly #exited: Promise<void>;
  #nextRequest = 1;
  #exitReason: string | undefined;
  readonly ready: Promise<Ready>;

  constructor(
    readonly name: string,
    script: string,
    args: readonly string[],
  ) {
    this.#child = fork(fileURLToPath(new URL(script, import.meta.url)), [...args], {
      cwd: PROJECT_ROOT,
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exitReason = `${name} exited (${signal ?? `code ${code}`})`;
        for (const { reject } of this.#pending.values()) reject(new Error(this.#exitReason));
        this.#pending.clear();
        resolve();
      });
    });
    this.ready = new Promise<Ready>((resolve, reject) => {
      this.#child.once('message', (m: ChannelMessage) =>
        m.type === 'ready' ? resolve(m as unknown as Ready) : reject(new Error(`${name}: ${m.type}`)),
      );
      void this.#exited.then(() => reject(new Error(this.#exitReason)));
    });
    this.#child.on('message', (m: Answer) => {
      const pending = m.requestId === undefined ? undefined : this.#pending.get(m.requestId);
      if (!pending) return;
      this.#pending.delete(m.requestId);
      if (m.ok) pending.resolve(m.value);
      else pending.reject(new Error(`${name}: ${m.error}`));
    });
  }

  /** Sends a request and resolves with the process's answer. */
  request<T>(type: string, fields: Record<string, unknown> = {}): Promise<T> {
    if (this.#exitReason) return Promise.reject(new Error(this.#exitReason));
    const requestId = this.#nextRequest++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(requestId, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ ...fields, type, requestId });
    });
  }

  /** Sends a message that needs no answer. */
  send(type: string, fields: Record<string, unknown> = {}): void {
    if (!this.#exitReason) this.#child.send({ ...fields, type });
  }

  /** Asks the process to stop cleanly; kills it if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.#exitReason) return;
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.request('stop').catch(() => undefined);
    await this.#exited;
    clearTimeout(timer);
  }
}

/**
 * The process side: announces itself with `ready`, answers each request with what `handle`
 * returns, and exits when the benchmark that started it goes away.
 */
export function serveChannel(
  ready: Record<string, unknown>,
  handle: (message: ChannelMessage) => unknown,
  stop: () => Promise<void>,
): void {
  const send = (message: Record<string, unknown>) => process.send?.(message);
  let stopping: Promise<void> | undefined;
  const stopOnce = () => {
    stopping ??= stop().catch((error: unknown) => console.error(error));
    return stopping;
  };
  process.on('disconnect', () => {
    void stopOnce().finally(() => process.exit(0));
  });
  process.on('message', async (message: ChannelMessage) => {
    const { requestId } = message;
    try {
      if (message.type === 'stop') {
        await stopOnce();
        send({ requestId, ok: true });
        process.disconnect();
        return;
      }
      const value = await handle(message);
      if (requestId !== undefined) send({ requestId, ok: true, value });
    } catch (error) {
      if (requestId !== undefined) send({ requestId, ok: false, error: (error as Error).message });
      else console.error(error);
    }
  });
  send({ type: 'ready', ...ready });
}
