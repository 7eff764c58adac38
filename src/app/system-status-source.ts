import type { Cancel, Clock } from '../domain/clock.js';
import { EventHub } from '../domain/event-hub.js';
import type { ReconciliationService } from '../domain/reconciliation/reconciliation-service.js';
import type { VerificationWatch } from '../domain/reconciliation/verification-watch.js';
import { type AlertStatus, runModeOf, type SystemStatus } from '../domain/system-status.js';
import type { PositionWriter } from '../infra/duckdb/position-writer.js';
import type { IbAdapter } from '../infra/ib/ib-adapter.js';

export interface StatusParts {
  readonly broker: IbAdapter;
  readonly writer: PositionWriter;
  readonly reconciliation: ReconciliationService;
  readonly verification: VerificationWatch;
  readonly alerts: () => AlertStatus;
  readonly storePath: string;
  readonly demo: boolean;
  readonly version: string;
  readonly startedAt: Date;
  readonly clock: Clock;
  /** How often the store's counters are looked at for a change worth publishing. */
  readonly pollMs?: number;
}

/**
 * The system status, and a stream of it: published at once when the broker's state changes, a
 * run completes or the verification state changes, and otherwise when anything visible changed since the last look (the store's
 * counters move with every update, so they are sampled rather than pushed each time).
 */
export class SystemStatusSource {
  readonly #hub = new EventHub<SystemStatus>();
  readonly #detach: (() => void)[] = [];
  #cancelPoll: Cancel | undefined;
  #lastPublished = '';
  #afterRun: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly parts: StatusParts) {}

  current(): SystemStatus {
    const { broker, writer, reconciliation } = this.parts;
    const brokerStatus = broker.status();
    const store = writer.status();
    return {
      mode: runModeOf(brokerStatus.accounts, this.parts.demo),
      version: this.parts.version,
      startedAt: this.parts.startedAt,
      broker: brokerStatus,
      store: {
        path: this.parts.storePath,
        bufferedUpdates: store.bufferedUpdates,
        lastFlushAt: store.lastFlushAt,
        totalUpdates: store.totalUpdates,
        lastError: store.lastError,
      },
      reconciliation: reconciliation.status(),
      verification: this.parts.verification.current(),
      alerts: this.parts.alerts(),
    };
  }

  changes(): AsyncIterableIterator<SystemStatus> {
    return this.#hub.iterate();
  }

  start(): void {
    this.#detach.push(
      this.parts.broker.onStateChange(() => this.#publish()),
      // Run listeners are called before the service has marked the run finished and scheduled
      // the next one; published at once, the status would say "running" until the next poll.
      this.parts.reconciliation.onRun(() => this.#publishSoon()),
      // Also when it ages into STALE, which no other event announces. A run moves it too, from
      // inside the same run listeners: published soon for the same reason.
      this.parts.verification.onChange(() => this.#publishSoon()),
    );
    this.#poll();
  }

  stop(): void {
    clearImmediate(this.#afterRun);
    this.#cancelPoll?.();
    for (const detach of this.#detach.splice(0)) detach();
  }

  #poll(): void {
    this.#cancelPoll = this.parts.clock.schedule(this.parts.pollMs ?? 2000, () => {
      if (this.#hub.listenerCount > 0) this.#publish();
      this.#poll();
    });
  }

  #publishSoon(): void {
    clearImmediate(this.#afterRun);
    this.#afterRun = setImmediate(() => this.#publish());
  }

  #publish(): void {
    const status = this.current();
    const fingerprint = JSON.stringify(status);
    if (fingerprint === this.#lastPublished) return;
    this.#lastPublished = fingerprint;
    this.#hub.publish(status);
  }
}
