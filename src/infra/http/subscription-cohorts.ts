import type { ExecutionResult } from 'graphql';
import type { CursorTracker } from '../../domain/sentinel-api.js';
import { type CohortOperation, cohortOperation } from './cohort-key.js';
import { CohortMember } from './cohort-member.js';
import type { CohortArgs, CohortCounters, CohortOptions, MemberOutlet } from './cohort-protocol.js';
import { formatResultForClient } from './graphql-errors.js';

export interface CohortSubscriptions {
  /** Subscriptions clients hold, over WebSocket and SSE. */
  readonly subscribers: number;
  /** Groups of identical subscriptions sharing one execution per event. */
  readonly cohorts: number;
  /** Source streams open for those groups and for subscribers replaying what they missed. */
  readonly sources: number;
  readonly sourceResults: number;
  /** Results written to subscribers. */
  readonly deliveries: number;
  /** Connections ended (WebSocket 4290, SSE `event: error`) because their client stopped reading. */
  readonly slowConsumersClosed: number;
}

/**
 * Subscriptions asking the same thing (operation, variables, authorization scope) share one source
 * stream and one execution per event, whichever transport each came by; each result is serialized
 * once and written to every member. The last member out releases the source.
 */
export class SubscriptionCohorts {
  readonly #cohorts = new Map<string, Cohort>();
  readonly #counters: CohortCounters = {
    openSources: 0,
    sourceResults: 0,
    deliveries: 0,
    slowConsumersClosed: 0,
  };

  constructor(private readonly options: CohortOptions) {}

  /** What the cohorts hold and have done, on every transport. */
  subscriptions(): CohortSubscriptions {
    let subscribers = 0;
    for (const cohort of this.#cohorts.values()) subscribers += cohort.size;
    return {
      subscribers,
      cohorts: this.#cohorts.size,
      sources: this.#counters.openSources,
      sourceResults: this.#counters.sourceResults,
      deliveries: this.#counters.deliveries,
      slowConsumersClosed: this.#counters.slowConsumersClosed,
    };
  }

  /**
   * Subscribes one subscription whose results go to `outlet`. Returns what the transport should
   * treat as the operation's result: an error result, or an iterator that yields nothing (results
   * are written to the outlet directly) and ends when the member leaves or the source ends.
   */
  async join(
    args: CohortArgs,
    outlet: MemberOutlet,
  ): Promise<ExecutionResult | AsyncIterableIterator<never>> {
    const operation = cohortOperation(
      args.document,
      args.operationName,
      args.variableValues as Record<string, unknown> | undefined,
      String(args.contextValue.role ?? ''),
    );
    if (!operation) return (await args.subscribe(args)) as ExecutionResult;
    const joining = new CohortMember(outlet, this.options, operation.resumes, this.#counters);
    let cohort = this.#cohorts.get(operation.key);
    if (!cohort) {
      // Registered before its source opens, so members arriving meanwhile wait for this one.
      const created = new Cohort(operation, args, this.options, this.#counters, () => {
        if (this.#cohorts.get(operation.key) === created) this.#cohorts.delete(operation.key);
      });
      this.#cohorts.set(operation.key, created);
      cohort = created;
    }
    const failure = await cohort.ready;
    if (failure) return failure;
    // Joined before the replay opens, so the live results it holds start no later than the replay.
    cohort.add(joining);
    if (operation.resumes) {
      const failure = await joining.startReplay(args);
      if (failure) {
        cohort.remove(joining);
        return failure;
      }
    }
    return joining.untilDone();
  }
}

/** One shared source subscription and its members. */
class Cohort {
  readonly #members = new Set<CohortMember>();
  readonly #tracker: CursorTracker = { last: undefined };
  #source: AsyncIterator<ExecutionResult> | undefined;
  #released = false;
  /** Settles once the source is open; an error result when it could not be. */
  readonly ready: Promise<ExecutionResult | undefined>;

  constructor(
    private readonly operation: CohortOperation,
    private readonly first: CohortArgs,
    private readonly options: CohortOptions,
    private readonly counts: CohortCounters,
    private readonly onEmpty: () => void,
  ) {
    this.ready = this.#start();
  }

  get size(): number {
    return this.#members.size;
  }

  async #start(): Promise<ExecutionResult | undefined> {
    const result = await this.first.subscribe({
      ...this.first,
      document: this.operation.liveDocument,
      variableValues: this.operation.liveVariables,
      // Its own context object: the cursor it tracks is the cohort's, not the first member's.
      contextValue: { ...this.first.contextValue, cursor: this.#tracker },
    });
    if (!isAsyncIterable(result)) {
      this.release();
      return result as ExecutionResult;
    }
    this.#source = result[Symbol.asyncIterator]();
    this.counts.openSources++;
    void this.#pump();
    return undefined;
  }

  add(member: CohortMember): void {
    // A source that already ended (the service is stopping) has nothing more to give.
    if (this.#released) {
      member.end();
      return;
    }
    this.#members.add(member);
    member.bind(() => this.remove(member));
  }

  remove(member: CohortMember): void {
    this.#members.delete(member);
    if (this.#members.size === 0) this.release();
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.onEmpty();
    if (this.#source) this.counts.openSources--;
    void this.#source?.return?.();
  }

  async #pump(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) break;
        this.counts.sourceResults++;
        // One execution, one serialization, every member.
        const payload = JSON.stringify(formatResultForClient(next.value));
        const sequence = this.#tracker.last;
        for (const member of [...this.#members]) member.deliver(payload, sequence);
      }
    } catch (error) {
      const failure = this.options.mask(error);
      for (const member of [...this.#members]) member.fail(failure);
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
