import type { Clock } from '../clock.js';
import type { BrokerState } from '../ports/broker-port.js';
import type { ReconciliationRun } from '../reconciliation-run.js';
import type { HealthAlert, HealthConditionName } from './alert.js';
import { HealthCondition } from './health-condition.js';

export interface SentinelHealthOptions {
  readonly clock: Clock;
  /** How long the broker may be unavailable, or the store's writes fail, before an alert opens. */
  readonly graceMs: number;
  /** Two of these without a verified run open NO_VERIFIED_RUN. */
  readonly reconcileIntervalMs: number;
  readonly onAlert: (alert: HealthAlert) => void;
}

/** A run whose broker snapshot completed and whose comparison was made: the store was checked. */
export function isVerifiedRun(run: Pick<ReconciliationRun, 'status'>): boolean {
  return run.status === 'CLEAN' || run.status === 'DISCREPANCIES';
}

/**
 * The sentinel's own health as three conditions, fed with what the service observes: the broker's
 * state, each write of the store, each run. Starting counts as the broker not yet READY and as the
 * last verification, so a sentinel that never reaches its broker, or never completes a run, alerts
 * too.
 */
export class SentinelHealth {
  readonly #broker: HealthCondition;
  readonly #store: HealthCondition;
  readonly #verified: HealthCondition;

  constructor(options: SentinelHealthOptions) {
    const { clock, graceMs, onAlert } = options;
    this.#broker = new HealthCondition('BROKER_UNAVAILABLE', graceMs, clock, onAlert);
    this.#store = new HealthCondition('STORE_WRITES_FAILING', graceMs, clock, onAlert);
    this.#verified = new HealthCondition('NO_VERIFIED_RUN', 2 * options.reconcileIntervalMs, clock, onAlert);
    this.#broker.holds();
    this.#verified.holds();
  }

  observeBroker(state: BrokerState): void {
    if (state === 'READY') this.#broker.ended();
    else this.#broker.holds();
  }

  observeStoreWrite(ok: boolean): void {
    if (ok) this.#store.ended();
    else this.#store.holds();
  }

  observeRun(run: Pick<ReconciliationRun, 'status' | 'finishedAt'>): void {
    if (!isVerifiedRun(run)) return;
    // Verified now: the count of two intervals starts again from this run.
    this.#verified.ended();
    this.#verified.holds(run.finishedAt);
  }

  /** Episodes a previous process opened and did not resolve (read back from the outbox at start). */
  adopt(condition: HealthConditionName, since: Date): void {
    this.#condition(condition).adopt(since);
  }

  /** Which conditions have an open alert. */
  openConditions(): HealthConditionName[] {
    return [this.#broker, this.#store, this.#verified].filter((c) => c.open).map((c) => c.name);
  }

  stop(): void {
    for (const c of [this.#broker, this.#store, this.#verified]) c.stop();
  }

  #condition(name: HealthConditionName): HealthCondition {
    if (name === 'BROKER_UNAVAILABLE') return this.#broker;
    if (name === 'STORE_WRITES_FAILING') return this.#store;
    return this.#verified;
  }
}
