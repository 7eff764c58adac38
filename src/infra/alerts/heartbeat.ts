import type { Cancel, Clock } from '../../domain/clock.js';
import type { Logger } from '../logger.js';
import { httpSend, urlSecrets } from './http-send.js';

export interface HeartbeatOptions {
  /** A healthchecks-style URL: requested after each verified run, so silence means trouble. */
  readonly url: string;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Tries per ping (the first included), a few seconds apart. */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

/**
 * Tells a service outside that the sentinel is alive and comparing. A ping that fails is tried a
 * couple of times and then left: the next verified run pings again, and an outside service that
 * hears nothing for long enough is exactly the alarm wanted. The URL is a credential of its own
 * (anyone holding it can ping), so it is never logged.
 */
export class Heartbeat {
  readonly #o: HeartbeatOptions;
  readonly #stopping = new AbortController();
  #running: Promise<boolean> | undefined;
  #wait: Cancel | undefined;

  constructor(options: HeartbeatOptions) {
    this.#o = options;
  }

  /** Resolves true once the URL answered 2xx; a ping already under way is joined, not doubled. */
  ping(): Promise<boolean> {
    this.#running ??= this.#ping().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#wait?.();
    await this.#running;
  }

  async #ping(): Promise<boolean> {
    const { clock, timeoutMs, logger } = this.#o;
    const attempts = this.#o.attempts ?? 3;
    let error = '';
    for (let attempt = 1; attempt <= attempts && !this.#stopping.signal.aborted; attempt++) {
      const outcome = await httpSend(
        { method: 'GET', url: this.#o.url },
        { clock, timeoutMs, secrets: urlSecrets(this.#o.url), signal: this.#stopping.signal },
      );
      if (outcome.ok) return true;
      error = outcome.error;
      if (attempt < attempts) await this.#pause((this.#o.retryDelayMs ?? 2000) * attempt);
    }
    if (!this.#stopping.signal.aborted) logger.warn('heartbeat ping failed', { error, attempts });
    return false;
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      this.#wait = this.#o.clock.schedule(ms, done);
      this.#stopping.signal.addEventListener('abort', done);
    });
  }
}
