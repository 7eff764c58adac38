import type { Cancel, Clock } from '../../src/domain/clock.js';

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/** A clock that only moves when a test says so; due callbacks run in time order. */
export class ManualClock implements Clock {
  #now: number;
  #pending: Pending[] = [];
  #order = 0;

  constructor(start: Date | string = '2026-11-25T15:00:00Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  schedule(delayMs: number, callback: () => void): Cancel {
    const entry: Pending = { at: this.#now + Math.max(0, delayMs), order: this.#order++, callback };
    this.#pending.push(entry);
    return () => {
      this.#pending = this.#pending.filter((p) => p !== entry);
    };
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** How long until each pending callback is due, soonest first. */
  pendingDelays(): number[] {
    return this.#pending.map((p) => p.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, running every callback that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#pending
        .filter((p) => p.at <= target)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.#pending = this.#pending.filter((p) => p !== due);
      this.#now = due.at;
      due.callback();
    }
    this.#now = target;
  }

  set(instant: Date | string): void {
    const target = new Date(instant).getTime();
    if (target < this.#now) throw new Error('a manual clock does not go backwards');
    this.advance(target - this.#now);
  }
}
