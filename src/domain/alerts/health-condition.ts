import type { Cancel, Clock } from '../clock.js';
import { type HealthAlert, type HealthConditionName, healthAlert } from './alert.js';

/**
 * One condition of the sentinel's own health: it opens once it has held for `thresholdMs` without
 * a break, and resolves the first time it no longer holds. A condition that holds only briefly
 * (shorter than the threshold) alerts nobody.
 */
export class HealthCondition {
  readonly #clock: Clock;
  readonly #emit: (alert: HealthAlert) => void;
  #holdingSince: Date | null = null;
  #openedSince: Date | null = null;
  #cancel: Cancel | undefined;

  constructor(
    readonly name: HealthConditionName,
    readonly thresholdMs: number,
    clock: Clock,
    emit: (alert: HealthAlert) => void,
  ) {
    this.#clock = clock;
    this.#emit = emit;
  }

  /** Whether an OPENED alert has gone out and no RESOLVED yet. */
  get open(): boolean {
    return this.#openedSince !== null;
  }

  /** The condition holds (again, or still: a repeat keeps the first instant). */
  holds(since: Date = this.#clock.now()): void {
    if (this.#holdingSince !== null) return;
    this.#holdingSince = since;
    const wait = since.getTime() + this.thresholdMs - this.#clock.now().getTime();
    this.#cancel = this.#clock.schedule(wait, () => this.#openNow());
  }

  /** The condition no longer holds: resolves it if it had opened. */
  ended(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#holdingSince = null;
    const since = this.#openedSince;
    if (since === null) return;
    this.#openedSince = null;
    this.#emit(healthAlert(this.name, 'RESOLVED', since, this.#clock.now()));
  }

  /**
   * An episode opened before a restart whose RESOLVED never went out: it stays open (and is
   * resolved by the next `ended`) instead of being opened a second time.
   */
  adopt(since: Date): void {
    if (this.#openedSince !== null) return;
    this.#cancel?.();
    this.#cancel = undefined;
    this.#openedSince = since;
    this.#holdingSince ??= since;
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #openNow(): void {
    this.#cancel = undefined;
    const since = this.#holdingSince;
    if (since === null || this.#openedSince !== null) return;
    this.#openedSince = since;
    this.#emit(healthAlert(this.name, 'OPENED', since, this.#clock.now()));
  }
}
