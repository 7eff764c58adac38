import type { Cancel, Clock } from '../clock.js';
import type { BrokerState } from '../ports/broker-port.js';
import type { ReconciliationRun } from '../reconciliation-run.js';
import {
  comparedWithBroker,
  type Verification,
  verificationExpiresAt,
  verificationOf,
} from '../verification.js';

export interface VerificationWatchParts {
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly brokerState: () => BrokerState;
  readonly onBrokerState: (listener: () => void) => () => void;
  /** The latest run with a complete snapshot known when the watch starts (from the store). */
  readonly latestComplete: () => ReconciliationRun | null;
  readonly onRun: (listener: (run: ReconciliationRun) => void) => () => void;
}

/**
 * The verification state as it moves: on every broker state change, on every run, and when a
 * VERIFIED state ages into STALE (scheduled on the clock for that instant, not polled).
 */
export class VerificationWatch {
  readonly #p: VerificationWatchParts;
  readonly #listeners = new Set<(verification: Verification) => void>();
  readonly #detach: (() => void)[] = [];
  #latest: ReconciliationRun | null = null;
  #current: Verification | undefined;
  #cancelExpiry: Cancel | undefined;

  constructor(parts: VerificationWatchParts) {
    this.#p = parts;
  }

  start(): void {
    this.#latest = this.#p.latestComplete();
    this.#detach.push(
      this.#p.onBrokerState(() => this.#update()),
      this.#p.onRun((run) => {
        if (comparedWithBroker(run)) this.#latest = run;
        this.#update();
      }),
    );
    this.#update();
  }

  stop(): void {
    this.#cancelExpiry?.();
    this.#cancelExpiry = undefined;
    for (const detach of this.#detach.splice(0)) detach();
  }

  current(): Verification {
    return this.#current ?? this.#compute();
  }

  /** Called with the new state each time it changes (state, reason or run). */
  onChange(listener: (verification: Verification) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #compute(): Verification {
    return verificationOf({
      latestComplete: this.#latest,
      brokerState: this.#p.brokerState(),
      intervalMs: this.#p.intervalMs,
      now: this.#p.clock.now(),
    });
  }

  #update(): void {
    const next = this.#compute();
    const previous = this.#current;
    this.#current = next;
    this.#cancelExpiry?.();
    this.#cancelExpiry = undefined;
    const expiresAt = verificationExpiresAt(next, this.#p.intervalMs);
    if (expiresAt !== undefined) {
      const delay = expiresAt.getTime() - this.#p.clock.now().getTime();
      this.#cancelExpiry = this.#p.clock.schedule(delay, () => {
        this.#cancelExpiry = undefined;
        this.#update();
      });
    }
    if (previous === undefined || sameVerification(previous, next)) return;
    for (const listener of this.#listeners) listener(next);
  }
}

function sameVerification(a: Verification, b: Verification): boolean {
  return a.state === b.state && a.reason === b.reason && a.run?.id === b.run?.id;
}
