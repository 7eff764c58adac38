import { onTestFinished } from 'vitest';
import type { Alert, DiscrepancyAlert } from '../../../../src/domain/alerts/alert.js';
import { discrepancyAlert } from '../../../../src/domain/alerts/alert.js';
import type { AlertRoute } from '../../../../src/domain/alerts/alert-route.js';
import { enqueueAlerts } from '../../../../src/domain/alerts/enqueue-alerts.js';
import type { RetryPolicy } from '../../../../src/domain/alerts/retry-schedule.js';
import type { Discrepancy } from '../../../../src/domain/discrepancy.js';
import type { DiscrepancyEventKind } from '../../../../src/domain/discrepancy-event.js';
import {
  AlertDeliveryWorker,
  type DeliveryAttempt,
} from '../../../../src/infra/alerts/alert-delivery-worker.js';
import type { AlertContext, AlertTarget } from '../../../../src/infra/alerts/alert-target.js';
import { routeSender } from '../../../../src/infra/alerts/route-sender.js';
import { openStore } from '../../../../src/infra/duckdb/open-store.js';
import { createLogger } from '../../../../src/infra/logger.js';
import { recorded } from '../../../support/discrepancies.js';
import { ManualClock } from '../../../support/manual-clock.js';

export const T0 = new Date('2026-11-25T15:00:00Z');
export const CONTEXT: AlertContext = { source: 'trading-box-1', dashboardUrl: 'http://127.0.0.1:4000/' };
export const POLICY: RetryPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxAgeMs: 3_600_000,
  jitter: 0.2,
};

export interface RouteUnderTest {
  readonly route: AlertRoute;
  readonly target: AlertTarget;
}

/** A small deterministic random source, so each run of a test jitters the same way. */
function seededRandom(seed = 7): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * The worker on the store's outbox (a DuckDB database in memory), real HTTP, a manual clock and a
 * logger that keeps every line. Closed when the test ends.
 */
export async function deliveryHarness(
  routes: readonly RouteUnderTest[],
  options: { policy?: RetryPolicy; timeoutMs?: number } = {},
) {
  const clock = new ManualClock(T0);
  const store = await openStore({ path: ':memory:', clock });
  const outbox = store.alerts;
  const lines: string[] = [];
  const attempts: DeliveryAttempt[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l), now: () => clock.now() });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const worker = new AlertDeliveryWorker({
    queue: outbox,
    senders: new Map(routes.map((r) => [r.route.id, routeSender(r.target, CONTEXT, { clock, timeoutMs })])),
    clock,
    random: seededRandom(),
    logger,
    policy: options.policy ?? POLICY,
    // Four at a time, so that what a test counts per round does not follow the production default.
    concurrency: 4,
    pollIntervalMs: 1000,
    leaseMs: 3 * timeoutMs,
    onAttempt: (a) => attempts.push(a),
  });

  onTestFinished(async () => {
    await worker.stop();
    await store.close();
  });

  return {
    clock,
    outbox,
    worker,
    /** Every delivery, in the order it was planned. */
    deliveries: async () => [...(await outbox.deliveries({ limit: 1000 }))].reverse(),
    lines,
    attempts,
    /** The log lines of a level, parsed. */
    logged: (level: string) =>
      lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === level),
    async enqueue(alerts: readonly Alert[]): Promise<void> {
      await outbox.transaction((tx) =>
        enqueueAlerts(
          outbox,
          routes.map((r) => r.route),
          alerts,
          clock.now(),
          tx,
        ),
      );
      worker.wake();
      await worker.settled();
    },
    /** Moves the clock a second at a time, letting every request finish between steps. */
    async runFor(ms: number, stepMs = 1000): Promise<void> {
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(stepMs);
        await worker.settled();
      }
    },
    async runUntil(done: () => boolean | Promise<boolean>, maxMs: number): Promise<void> {
      for (let t = 0; t < maxMs && !(await done()); t += 1000) {
        clock.advance(1000);
        await worker.settled();
      }
    },
  };
}

let sequence = 0;

/** The alert a discrepancy event makes (asserting it makes one). */
export function alertFor(kind: DiscrepancyEventKind, d: Discrepancy, before?: Discrepancy): DiscrepancyAlert {
  const alert = discrepancyAlert(recorded(kind, d, ++sequence), before, 'run-1');
  if (!alert) throw new Error(`${kind} made no alert`);
  return alert;
}
