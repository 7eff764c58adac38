import type { Clock } from '../domain/clock.js';
import {
  DISCREPANCY_TYPES,
  type Discrepancy,
  type DiscrepancyType,
  isActive,
  SEVERITIES,
  type Severity,
} from '../domain/discrepancy.js';
import type { ReconciliationService } from '../domain/reconciliation/reconciliation-service.js';
import type { VerificationWatch } from '../domain/reconciliation/verification-watch.js';
import { VERIFICATION_STATES, verificationAgeSeconds } from '../domain/verification.js';
import type { PositionWriter } from '../infra/duckdb/position-writer.js';
import type { CohortSubscriptions } from '../infra/http/subscription-cohorts.js';
import type { IbAdapter } from '../infra/ib/ib-adapter.js';
import { PrometheusRegistry } from '../infra/metrics/prometheus-registry.js';
import type { Alerting } from './alerting.js';
import type { SubscriptionMeter } from './subscription-meter.js';

const BROKER_STATES = ['DISCONNECTED', 'CONNECTING', 'CONNECTED', 'READY'] as const;

export interface MetricParts {
  readonly broker: IbAdapter;
  readonly writer: PositionWriter;
  readonly reconciliation: ReconciliationService;
  readonly subscriptions: SubscriptionMeter;
  readonly verification: VerificationWatch;
  readonly clock: Clock;
  /** Called with a listener for each compared starting list. */
  readonly onCatchUp: (listener: (catchUp: { readonly changed: readonly unknown[] }) => void) => () => void;
  readonly activeDiscrepancies: readonly Discrepancy[];
  readonly alerting: Alerting;
  readonly webSocketConnections: () => number;
  readonly sseStreams: () => number;
  readonly cohortSubscriptions: () => CohortSubscriptions;
}

/** Buckets in seconds: a flush takes milliseconds, and seconds only when the disk struggles. */
const FLUSH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A run waits for the broker's snapshot: up to the snapshot timeout (30 s by default). */
const RUN_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** From an alert's creation to its delivery: seconds normally, up to the maximum age when a receiver is down. */
const ALERT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14_400, 86_400];

/**
 * The product's Prometheus series (listed in the README's Operations section), read from the
 * parts that own each number, plus Node's process metrics.
 */
export function sentinelMetrics(parts: MetricParts): { registry: PrometheusRegistry; dispose: () => void } {
  const registry = new PrometheusRegistry();
  const open = new Map(parts.activeDiscrepancies.map((i) => [i.id, i]));

  registry.gauge(
    'sentinel_broker_state',
    'Broker connection state (1 for the current one)',
    () => BROKER_STATES.map((state) => ({ labels: { state }, value: parts.broker.state === state ? 1 : 0 })),
    ['state'],
  );
  const received = registry.counter(
    'sentinel_updates_received_total',
    'Position updates received from the broker',
  );
  registry.observedCounter(
    'sentinel_updates_written_total',
    'Position updates written to the store',
    () => parts.writer.status().totalUpdates,
  );
  registry.gauge(
    'sentinel_write_buffer_updates',
    'Updates waiting in the write buffer',
    () => parts.writer.status().bufferedUpdates,
  );
  registry.observedCounter(
    'sentinel_write_buffer_collapsed_total',
    'Intermediate updates dropped because the buffer was full (the latest per key is always kept)',
    () => parts.writer.status().collapsedUpdates,
  );
  const flushDuration = registry.histogram(
    'sentinel_flush_duration_seconds',
    'Duration of each successful write of a batch of updates',
    FLUSH_BUCKETS,
  );
  const flushFailures = registry.counter('sentinel_flush_failures_total', 'Writes of a batch that failed');
  registry.gauge(
    'sentinel_flush_consecutive_failures',
    'Failed writes since the last successful one (0 when healthy)',
    () => parts.writer.status().consecutiveFailures,
  );
  const runs = registry.counter(
    'sentinel_reconciliation_runs_total',
    'Reconciliation runs by trigger and status',
    ['trigger', 'status'],
  );
  const runDuration = registry.histogram(
    'sentinel_reconciliation_duration_seconds',
    'Duration of each reconciliation run, broker snapshot included',
    RUN_BUCKETS,
    ['trigger'],
  );
  registry.gauge(
    'sentinel_open_discrepancies',
    'Open and acknowledged discrepancies by type and severity',
    () =>
      DISCREPANCY_TYPES.flatMap((type) =>
        SEVERITIES.map((severity) => ({
          labels: { type, severity },
          value: countOpen(open, type, severity),
        })),
      ),
    ['type', 'severity'],
  );
  registry.gauge(
    'sentinel_verification_state',
    'Whether a recent run verified the store against the broker (1 for the current state)',
    () => {
      const current = parts.verification.current().state;
      return VERIFICATION_STATES.map((state) => ({ labels: { state }, value: current === state ? 1 : 0 }));
    },
    ['state'],
  );
  registry.gauge(
    'sentinel_verification_age_seconds',
    'Seconds since the latest run with a complete snapshot finished (NaN before the first)',
    () => verificationAgeSeconds(parts.verification.current(), parts.clock.now()) ?? Number.NaN,
  );
  const caughtUp = registry.counter(
    'sentinel_caught_up_positions_total',
    'Keys a starting list changed (the store was behind the broker) since the service started',
  );
  registry.gauge('sentinel_websocket_connections', 'Open WebSocket connections', parts.webSocketConnections);
  registry.gauge('sentinel_sse_streams', 'Open SSE subscription streams', parts.sseStreams);
  // Identical subscriptions share one source: count what clients hold and receive, not the shared
  // sources behind them.
  registry.gauge('sentinel_active_subscriptions', 'Active subscriptions on every transport', () => {
    const cohorts = parts.cohortSubscriptions();
    return parts.subscriptions.active - cohorts.sources + cohorts.subscribers;
  });
  registry.gauge(
    'sentinel_subscription_cohorts',
    'Groups of identical subscriptions (WebSocket and SSE alike) sharing one execution per event',
    () => parts.cohortSubscriptions().cohorts,
  );
  registry.observedCounter(
    'sentinel_slow_consumers_closed_total',
    'Subscriber connections ended because the client stopped reading (WebSocket close 4290, SSE event: error)',
    () => parts.cohortSubscriptions().slowConsumersClosed,
  );
  registry.observedCounter('sentinel_events_delivered_total', 'Events delivered to subscriptions', () => {
    const cohorts = parts.cohortSubscriptions();
    return parts.subscriptions.delivered - cohorts.sourceResults + cohorts.deliveries;
  });

  const alertAttempts = registry.counter(
    'sentinel_alert_attempts_total',
    'Requests made to alert receivers, by route and outcome (sent, retry, dead)',
    ['route', 'outcome'],
  );
  const alertLatency = registry.histogram(
    'sentinel_alert_delivery_seconds',
    'From the change that caused an alert to its receiver taking it',
    ALERT_BUCKETS,
    ['route'],
  );
  registry.gauge(
    'sentinel_alert_deliveries',
    'Alert deliveries in the outbox by state (DEAD: given up, nobody received them)',
    () => {
      const counts = parts.alerting.counts();
      return (['PENDING', 'SENT', 'DEAD'] as const).map((state) => ({
        labels: { state },
        value: counts[state],
      }));
    },
    ['state'],
  );

  const detach = [
    parts.alerting.onAttempt((attempt) => {
      alertAttempts.inc({ route: attempt.routeId, outcome: attempt.outcome });
      if (attempt.outcome === 'sent') alertLatency.observe(attempt.ageMs / 1000, { route: attempt.routeId });
    }),
    parts.broker.onUpdate(() => received.inc()),
    parts.onCatchUp((catchUp) => {
      if (catchUp.changed.length > 0) caughtUp.inc({}, catchUp.changed.length);
    }),
    parts.writer.onFlush((flush) => {
      if (flush.ok) flushDuration.observe(flush.durationMs / 1000);
      else flushFailures.inc();
    }),
    parts.reconciliation.onRun((run) => {
      runDuration.observe(run.durationMs / 1000, { trigger: run.trigger });
      runs.inc({ trigger: run.trigger, status: run.status });
    }),
    parts.reconciliation.onDiscrepancyEvent((event) => {
      if (isActive(event.discrepancy)) open.set(event.discrepancy.id, event.discrepancy);
      else open.delete(event.discrepancy.id);
    }),
  ];
  return {
    registry,
    dispose: () => {
      for (const d of detach) d();
    },
  };
}

function countOpen(
  open: ReadonlyMap<string, Discrepancy>,
  type: DiscrepancyType,
  severity: Severity,
): number {
  let n = 0;
  for (const discrepancy of open.values())
    if (discrepancy.type === type && discrepancy.severity === severity) n++;
  return n;
}
