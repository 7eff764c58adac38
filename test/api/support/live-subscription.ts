import { expect } from 'vitest';
import type { GraphQLErrorBody } from './graphql-http.js';

/** How a subscription ended, as its client saw it. */
export type Ending =
  | { readonly by: 'complete' }
  | { readonly by: 'errors'; readonly errors: readonly GraphQLErrorBody[] }
  | { readonly by: 'close'; readonly code: number; readonly reason: string }
  /** SSE: the stream ended with `event: error` (a slow consumer told to resume). */
  | { readonly by: 'error event'; readonly errors: readonly GraphQLErrorBody[] }
  | { readonly by: 'terminated'; readonly error?: unknown };

const WAIT = { timeout: 15_000, interval: 10 };

/** What one subscription delivered, on either transport; tests wait on it, never sleep. */
export class LiveSubscription<T> {
  readonly events: T[] = [];
  /** Errors that came with a `next` result (the subscription went on). */
  readonly resultErrors: GraphQLErrorBody[] = [];
  ending: Ending | undefined;

  constructor(private readonly stop: () => Promise<void> | void) {}

  next(data: T | null | undefined, errors: readonly GraphQLErrorBody[] | undefined): void {
    if (errors?.length) this.resultErrors.push(...errors);
    if (data !== null && data !== undefined) this.events.push(data);
  }

  end(ending: Ending): void {
    this.ending ??= ending;
  }

  async untilEvents(count: number): Promise<T[]> {
    await expect
      .poll(() => this.events.length >= count || this.ending !== undefined, {
        ...WAIT,
        message: `waiting for ${count} event(s)`,
      })
      .toBe(true);
    expect(this.events.length, `ended early: ${JSON.stringify(this.ending)}`).toBeGreaterThanOrEqual(count);
    return this.events.slice(0, count);
  }

  async untilEvent(accept: (event: T) => boolean, what: string): Promise<T> {
    await expect
      .poll(() => this.events.some(accept) || this.ending !== undefined, { ...WAIT, message: what })
      .toBe(true);
    const found = this.events.find(accept);
    expect(found, `${what}; ended: ${JSON.stringify(this.ending)}`).toBeDefined();
    return found as T;
  }

  async untilEnded(): Promise<Ending> {
    await expect
      .poll(() => this.ending !== undefined, { ...WAIT, message: 'waiting for the subscription to end' })
      .toBe(true);
    return this.ending as Ending;
  }

  async close(): Promise<void> {
    await this.stop();
  }
}
