import type { CatchUp } from '../catch-up.js';
import type { Cancel, Clock } from '../clock.js';
import { type Discrepancy, isActive, severityRank } from '../discrepancy.js';
import type { DiscrepancyEvent, RecordedDiscrepancyEvent } from '../discrepancy-event.js';
import { acknowledge, resolveByPerson } from '../discrepancy-lifecycle.js';
import { DomainError } from '../errors.js';
import { EventHub, type IterateOptions } from '../event-hub.js';
import type { BrokerPort, BrokerSessionEvent } from '../ports/broker-port.js';
import type { LogPort } from '../ports/log-port.js';
import type { PositionStorePort } from '../ports/position-store-port.js';
import type { ReconciliationLedgerPort } from '../ports/reconciliation-ledger-port.js';
import { keyId, type PositionKey } from '../position.js';
import type { ReconcileRules } from '../reconcile.js';
import type { ReconciliationRun, ReconciliationTrigger } from '../reconciliation-run.js';
import { comparedWithBroker, type KeyVerification } from '../verification.js';
import { manualRow } from './corrective-rows.js';
import { executeRun, failedRun, type RunResult } from './execute-run.js';
import { SerialLock } from './serial-lock.js';
import { type Settleable, settleable } from './settleable.js';
import { StreamActivity } from './stream-activity.js';

export interface ReconciliationServiceOptions {
  readonly broker: BrokerPort;
  readonly positions: PositionStorePort;
  readonly ledger: ReconciliationLedgerPort;
  readonly clock: Clock;
  readonly log: LogPort;
  readonly rules: ReconcileRules;
  /** Time between scheduled runs, counted from the end of the previous run of any trigger. */
  readonly intervalMs: number;
  readonly heal: boolean;
  /** Whether runs close expired options with an EXPIRY row (default true). */
  readonly closeExpired?: boolean | undefined;
  readonly newId: () => string;
}

export interface ReconciliationStatusInfo {
  readonly running: boolean;
  readonly intervalMs: number;
  readonly nextRunAt: Date | null;
  readonly lastRun: ReconciliationRun | null;
}

/**
 * Runs reconciliations on every trigger (docs/reconciliation-rules.md §9) and keeps the discrepancy
 * lifecycle (§10). Start it before the broker connects, so that the broker's first session event
 * (its feeds in sync, after READY) becomes the STARTUP run.
 *
 * MANUAL and SCHEDULED requests join a run in progress. STARTUP and RECONNECT mean the broker's
 * data may have moved after the run in progress took its snapshot, so they queue one more run.
 */
export class ReconciliationService {
  readonly #o: ReconciliationServiceOptions;
  readonly #activity = new StreamActivity();
  readonly #discrepancyLock = new SerialLock();
  readonly #runs = new EventHub<ReconciliationRun>();
  readonly #events = new EventHub<RecordedDiscrepancyEvent>();
  #current: Promise<ReconciliationRun> | undefined;
  #queued: QueuedRun | undefined;
  #cancelSchedule: Cancel | undefined;
  #nextRunAt: Date | null = null;
  #lastRun: ReconciliationRun | null = null;
  #lastComplete: ReconciliationRun | null = null;
  /** Per key, kept in memory so a book of 500 positions resolves without 500 queries. */
  readonly #verified = new Map<string, KeyVerification>();
  readonly #active = new Map<string, Discrepancy>();
  /** Catch-ups not yet recorded, in the order their starting lists arrived. */
  #catchUps: Promise<CatchUp | undefined>[] = [];
  #detach: (() => void)[] = [];
  #started = false;
  #stopped = false;
  /** Settles when stop() is called: a run still waiting for the broker gives up on it. */
  readonly #stopping = settleable<string>();

  constructor(options: ReconciliationServiceOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    if (this.#stopped)
      throw new DomainError('CONFLICT', 'a stopped reconciliation service cannot start again');
    if (this.#started) return;
    this.#started = true;
    const [lastRun, lastComplete, verified, active] = await Promise.all([
      this.#o.ledger.latestRun(),
      this.#o.ledger.latestCompleteRun(),
      this.#o.ledger.verifications(),
      this.#o.ledger.activeDiscrepancies(),
    ]);
    this.#lastRun = lastRun ?? null;
    this.#lastComplete = lastComplete ?? null;
    for (const v of verified) this.#verified.set(keyId(v), v);
    for (const discrepancy of active) this.#active.set(discrepancy.id, discrepancy);
    this.#detach.push(
      this.#o.positions.onEvent((e) => this.#activity.record(e)),
      this.#o.broker.onSession((e) => this.#onSession(e)),
    );
    this.#schedule();
  }

  /**
   * Stops timers and listeners and refuses new requests. A run still waiting for the broker's
   * snapshot stops waiting and is recorded as BROKER_UNAVAILABLE, so shutting down never waits for
   * a slow broker; a run past that point is waited for. A run queued behind it is not started.
   */
  async stop(): Promise<void> {
    this.#started = false;
    this.#stopped = true;
    this.#cancelSchedule?.();
    this.#cancelSchedule = undefined;
    this.#nextRunAt = null;
    for (const detach of this.#detach.splice(0)) detach();
    this.#stopping.resolve('the reconciliation service is stopping');
    const queued = this.#queued;
    this.#queued = undefined;
    queued?.reject(stoppedError());
    await Promise.allSettled([this.#current]);
  }

  /** Runs a reconciliation now, or joins the one in progress (see the class comment). */
  reconcile(trigger: ReconciliationTrigger = 'MANUAL'): Promise<ReconciliationRun> {
    if (this.#stopped) return Promise.reject(stoppedError());
    if (this.#current === undefined) return this.#begin(trigger);
    if (trigger === 'MANUAL' || trigger === 'SCHEDULED') return this.#current;
    this.#queued ??= queuedRun(trigger);
    return this.#queued.promise;
  }

  async acknowledge(id: string, note: string | null): Promise<Discrepancy> {
    return this.#personChange(id, (discrepancy, at) => acknowledge(discrepancy, note, at));
  }

  /** Accepts the broker's view: a MANUAL row makes the store agree, then the discrepancy resolves. */
  async resolve(id: string, note: string | null): Promise<Discrepancy> {
    return this.#personChange(id, async (discrepancy, at) => {
      const event = resolveByPerson(discrepancy, note, at);
      await this.#o.positions.append([manualRow(discrepancy, at, () => this.#o.positions.nextSequence())]);
      return event;
    });
  }

  /**
   * A catch-up in progress (docs/reconciliation-rules.md §12), handed over as soon as its starting
   * list arrives, before the session event that starts the run: the next STARTUP or RECONNECT run
   * waits for it and records what it changed. A rejected one is logged and records nothing.
   */
  caughtUp(catchUp: Promise<CatchUp>): void {
    if (this.#stopped) return;
    this.#catchUps.push(
      catchUp.catch((error: unknown) => {
        this.#o.log.error('a catch-up could not be compared with the store', { error });
        return undefined;
      }),
    );
  }

  /** The latest run that compared the store with a complete snapshot. */
  latestComplete(): ReconciliationRun | null {
    return this.#lastComplete;
  }

  /** The last run whose complete snapshot agreed on this key. */
  verificationOf(key: PositionKey): KeyVerification | undefined {
    return this.#verified.get(keyId(key));
  }

  /** The key's active discrepancy, the most severe when it has several. */
  openDiscrepancyOf(key: PositionKey): Discrepancy | undefined {
    let worst: Discrepancy | undefined;
    for (const discrepancy of this.#active.values()) {
      if (discrepancy.account !== key.account || discrepancy.conId !== key.conId) continue;
      if (!worst || severityRank(discrepancy.severity) > severityRank(worst.severity)) worst = discrepancy;
    }
    return worst;
  }

  runs(options?: IterateOptions): AsyncIterableIterator<ReconciliationRun> {
    return this.#runs.iterate(options);
  }

  discrepancyEvents(options?: IterateOptions): AsyncIterableIterator<RecordedDiscrepancyEvent> {
    return this.#events.iterate(options);
  }

  onDiscrepancyEvent(listener: (event: RecordedDiscrepancyEvent) => void): () => void {
    return this.#events.subscribe(listener);
  }

  onRun(listener: (run: ReconciliationRun) => void): () => void {
    return this.#runs.subscribe(listener);
  }

  status(): ReconciliationStatusInfo {
    return {
      running: this.#current !== undefined,
      intervalMs: this.#o.intervalMs,
      nextRunAt: this.#nextRunAt,
      lastRun: this.#lastRun,
    };
  }

  #onSession(event: BrokerSessionEvent): void {
    const trigger = event.kind === 'in-sync' && event.first ? 'STARTUP' : 'RECONNECT';
    this.reconcile(trigger).catch(() => undefined);
  }

  #begin(trigger: ReconciliationTrigger): Promise<ReconciliationRun> {
    const run = this.#execute(trigger);
    this.#current = run;
    // Registered first, so it runs before any caller's continuation: a queued run becomes the
    // current one in the same step, and a request arriving in between joins it.
    const settled = () => this.#afterRun(run);
    run.then(settled, settled);
    return run;
  }

  #afterRun(run: Promise<ReconciliationRun>): void {
    if (this.#current === run) this.#current = undefined;
    const queued = this.#queued;
    this.#queued = undefined;
    if (queued) queued.resolve(this.#begin(queued.trigger));
    else this.#schedule();
  }

  async #execute(trigger: ReconciliationTrigger): Promise<ReconciliationRun> {
    const startedAt = this.#o.clock.now();
    let result: RunResult;
    try {
      const recordsCatchUps = trigger === 'STARTUP' || trigger === 'RECONNECT';
      result = await executeRun(
        {
          ...this.#o,
          discrepancyLock: this.#discrepancyLock,
          interrupted: this.#stopping.promise,
          catchUps: recordsCatchUps ? () => this.#takeCatchUps() : undefined,
        },
        trigger,
        () => this.#activity.view(),
      );
    } catch (error) {
      this.#o.log.error('reconciliation failed', { trigger, error });
      const run = failedRun(this.#o.newId(), trigger, startedAt, this.#o.clock.now(), error);
      await this.#o.ledger.recordRun({ run, changed: [], events: [], verified: [] }).catch((e: unknown) => {
        this.#o.log.error('could not record the failed run', { error: e });
      });
      result = { run, events: [] };
    }
    this.#activity.prune(new Date(startedAt.getTime() - this.#o.rules.quietWindowMs));
    this.#publish(result);
    return result.run;
  }

  async #takeCatchUps(): Promise<CatchUp[]> {
    const pending = this.#catchUps;
    this.#catchUps = [];
    const settled = await Promise.all(pending);
    return settled.filter((c) => c !== undefined);
  }

  #publish({ run, events, verified }: RunResult): void {
    this.#lastRun = run;
    if (comparedWithBroker(run)) this.#lastComplete = run;
    for (const v of verified ?? []) this.#verified.set(keyId(v), v);
    for (const event of events) this.#track(event.discrepancy);
    this.#logRun(run);
    for (const event of events) this.#events.publish(event);
    this.#runs.publish(run);
  }

  #logRun(run: ReconciliationRun): void {
    const fields = { runId: run.id, trigger: run.trigger, status: run.status, durationMs: run.durationMs };
    if (run.hasCriticalIssues) this.#o.log.error(`reconciliation: ${run.summary}`, fields);
    else if (run.status === 'CLEAN') this.#o.log.info(`reconciliation: ${run.summary}`, fields);
    else this.#o.log.warn(`reconciliation: ${run.summary}`, fields);
  }

  #schedule(): void {
    this.#cancelSchedule?.();
    if (!this.#started) return;
    this.#nextRunAt = new Date(this.#o.clock.now().getTime() + this.#o.intervalMs);
    this.#cancelSchedule = this.#o.clock.schedule(this.#o.intervalMs, () => {
      this.#cancelSchedule = undefined;
      this.reconcile('SCHEDULED').catch(() => undefined);
    });
  }

  #track(discrepancy: Discrepancy): void {
    if (isActive(discrepancy)) this.#active.set(discrepancy.id, discrepancy);
    else this.#active.delete(discrepancy.id);
  }

  async #personChange(
    id: string,
    change: (discrepancy: Discrepancy, at: Date) => DiscrepancyEvent | Promise<DiscrepancyEvent>,
  ): Promise<Discrepancy> {
    const recorded = await this.#discrepancyLock.run(async () => {
      const discrepancy = await this.#o.ledger.discrepancy(id);
      if (!discrepancy) throw new DomainError('NOT_FOUND', `no discrepancy with id ${id}`);
      const event = await change(discrepancy, this.#o.clock.now());
      return this.#o.ledger.recordDiscrepancyChange(event);
    });
    this.#track(recorded.discrepancy);
    this.#events.publish(recorded);
    return recorded.discrepancy;
  }
}

interface QueuedRun extends Settleable<ReconciliationRun> {
  readonly trigger: ReconciliationTrigger;
}

function queuedRun(trigger: ReconciliationTrigger): QueuedRun {
  const queued = { ...settleable<ReconciliationRun>(), trigger };
  // A queued run nobody waits for (a session trigger) must not become an unhandled rejection.
  queued.promise.catch(() => undefined);
  return queued;
}

function stoppedError(): DomainError {
  return new DomainError(
    'BROKER_UNAVAILABLE',
    'the reconciliation service has stopped (the service is shutting down)',
  );
}
