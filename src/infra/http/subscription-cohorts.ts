import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { CursorTracker } from '../../schema/cursor-tracker.js';
import { type CohortOperation, cohortOperation } from './cohort-key.js';
import { CohortMember } from './cohort-member.js';
import { toClientError } from './graphql-errors.js';

/** What graphql-ws hands our subscribe: the arguments, with the envelop pipeline's own subscribe. */
export type CohortArgs = ExecutionArgs & {
  readonly subscribe: (args: ExecutionArgs) => unknown;
  readonly contextValue: Record<string, unknown> & { readonly role?: unknown };
};

export interface CohortOptions {
  /** A socket with more than this many bytes waiting is closed with {@link CLOSE_SLOW_CONSUMER}. */
  readonly maxBufferedBytes: number;
}

/**
 * Close code for a subscriber that stopped reading: reconnect and subscribe again with `after` set
 * to the cursor of the last event you processed; nothing is lost.
 */
export const CLOSE_SLOW_CONSUMER = 4290;

/**
 * Subscriptions asking the same thing (operation, variables, authorization scope) share one source
 * stream and one execution per event; each result is serialized once and written to every member.
 * The last member out releases the source.
 */
export class SubscriptionCohorts {
  readonly #cohorts = new Map<string, Cohort>();

  constructor(private readonly options: CohortOptions) {}

  get cohortCount(): number {
    return this.#cohorts.size;
  }

  get memberCount(): number {
    let n = 0;
    for (const cohort of this.#cohorts.values()) n += cohort.size;
    return n;
  }

  /**
   * Subscribes one graphql-ws subscription. Returns what graphql-ws should treat as the
   * operation's result: an error result, or an iterator that yields nothing (results are written
   * to the socket directly) and ends when the member leaves or the source ends.
   */
  async join(
    args: CohortArgs,
    member: { readonly id: string; readonly socket: WebSocket },
  ): Promise<ExecutionResult | AsyncIterableIterator<never>> {
    const operation = cohortOperation(
      args.document,
      args.operationName,
      args.variableValues as Record<string, unknown> | undefined,
      String(args.contextValue.role ?? ''),
    );
    if (!operation) return (await args.subscribe(args)) as ExecutionResult;
    const joining = new CohortMember(
      member.id,
      member.socket,
      this.options.maxBufferedBytes,
      operation.resumes,
    );
    let cohort = this.#cohorts.get(operation.key);
    if (!cohort) {
      const created = new Cohort(operation, args, () => this.#cohorts.delete(operation.key));
      const failure = await created.start();
      if (failure) return failure;
      // Another member may have created the same cohort while this one started.
      cohort = this.#cohorts.get(operation.key) ?? created;
      if (cohort === created) this.#cohorts.set(operation.key, created);
      else created.release();
    }
    // Joined before the replay opens, so the live results it holds start no later than the replay.
    cohort.add(joining);
    if (operation.resumes) {
      const failure = await joining.startReplay(args);
      if (failure) {
        cohort.remove(joining);
        return failure;
      }
    }
    const joined = cohort;
    return joining.untilDone(() => joined.remove(joining));
  }
}

/** One shared source subscription and its members. */
class Cohort {
  readonly #members = new Set<CohortMember>();
  readonly #tracker: CursorTracker = { last: undefined };
  #source: AsyncIterator<ExecutionResult> | undefined;
  #released = false;

  constructor(
    private readonly operation: CohortOperation,
    private readonly first: CohortArgs,
    private readonly onEmpty: () => void,
  ) {}

  get size(): number {
    return this.#members.size;
  }

  /** Opens the shared source; an error result when the operation cannot be subscribed. */
  async start(): Promise<ExecutionResult | undefined> {
    const result = await this.first.subscribe({
      ...this.first,
      document: this.operation.liveDocument,
      variableValues: this.operation.liveVariables,
      // Its own context object: the cursor it tracks is the cohort's, not the first member's.
      contextValue: { ...this.first.contextValue, cursor: this.#tracker },
    });
    if (!isAsyncIterable(result)) return result as ExecutionResult;
    this.#source = result[Symbol.asyncIterator]();
    void this.#pump();
    return undefined;
  }

  add(member: CohortMember): void {
    this.#members.add(member);
  }

  remove(member: CohortMember): void {
    this.#members.delete(member);
    if (this.#members.size === 0) this.release();
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.onEmpty();
    void this.#source?.return?.();
  }

  async #pump(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        // One execution, one serialization, every member.
        const payload = JSON.stringify(next.value);
        const sequence = this.#tracker.last;
        for (const member of [...this.#members]) member.deliver(payload, sequence);
      }
    } catch (error) {
      const message = toClientError(error, 'Unexpected error.').message;
      for (const member of [...this.#members]) member.fail(message);
    } finally {
      if (!this.#released) {
        this.release();
        for (const member of [...this.#members]) member.end();
      }
    }
  }
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}
