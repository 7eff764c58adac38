import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Alert, type HealthAlert, testAlert } from '../domain/alerts/alert.js';
import type { AlertRoute } from '../domain/alerts/alert-route.js';
import { enqueueAlerts } from '../domain/alerts/enqueue-alerts.js';
import { DEFAULT_RETRY_POLICY } from '../domain/alerts/retry-schedule.js';
import { isVerifiedRun, SentinelHealth } from '../domain/alerts/sentinel-health.js';
import type { Cancel, Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import {
  type AlertDelivery,
  type AlertDeliveryFilter,
  type AlertDeliveryState,
  deliveryId,
} from '../domain/ports/alert-outbox-port.js';
import type { AlertStatus } from '../domain/system-status.js';
import { AlertDeliveryWorker, type DeliveryAttempt } from '../infra/alerts/alert-delivery-worker.js';
import type { AlertContext } from '../infra/alerts/alert-target.js';
import { Heartbeat } from '../infra/alerts/heartbeat.js';
import { type RouteSender, routeSender } from '../infra/alerts/route-sender.js';
import type { Logger } from '../infra/logger.js';
import type { Config } from './config.js';
import type { SentinelCore } from './sentinel-core.js';

/** What the API, the status and the metrics see of alerting. */
export interface Alerting {
  readonly routes: readonly AlertRoute[];
  deliveries(filter?: AlertDeliveryFilter): Promise<readonly AlertDelivery[]>;
  /** Queues a clearly marked test alert for one route and returns its delivery. */
  sendTestAlert(routeId: string): Promise<AlertDelivery>;
  /** Deliveries in each state, as last counted (the outbox is counted again after each change). */
  counts(): Readonly<Record<AlertDeliveryState, number>>;
  /** The routes and the counts as the status shows them. */
  status(): AlertStatus;
  onAttempt(listener: (attempt: DeliveryAttempt) => void): () => void;
  close(): Promise<void>;
}

export interface AlertingParts {
  readonly config: Config;
  readonly core: SentinelCore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The dashboard's address once the API listens (used unless --alert-dashboard-url is given). */
  readonly dashboardUrl: () => string;
  readonly random?: () => number;
  /** How often the worker looks at the outbox when nothing wakes it (default 1 s). */
  readonly pollIntervalMs?: number;
}

/** How soon after a change the outbox is counted again. */
const RECOUNT_AFTER_MS = 250;
/** How soon a health alert the store refused is tried again. */
const HEALTH_RETRY_MS = 5000;

/**
 * Alerts from the service's changes to the configured routes: the ledger stores each discrepancy
 * change's deliveries in its own transaction, a worker sends what the outbox holds, the sentinel's
 * own health is watched as three conditions, and the heartbeat is pinged after each verified run.
 * Started even without routes, so the outbox of an earlier configuration is still visible.
 */
export async function startAlerting(parts: AlertingParts): Promise<Alerting> {
  const { config, core, clock } = parts;
  const logger = parts.logger.child({ component: 'alerts' });
  const settings = config.alerts;
  const outbox = core.store.alerts;
  const routes = settings.routes;
  const context: AlertContext = {
    source: hostname(),
    get dashboardUrl() {
      return settings.dashboardUrl ?? parts.dashboardUrl();
    },
  };
  const senders = new Map<string, RouteSender>();
  for (const route of routes) {
    const target = settings.targets[route.channel];
    // Config refuses a route whose channel has no target, so this holds for every configured route.
    if (target) senders.set(route.id, routeSender(target, context, { clock, timeoutMs: settings.timeoutMs }));
  }

  let counted: Record<AlertDeliveryState, number> = await outbox.counts();
  let counting: Promise<void> | undefined;
  let countDue: Cancel | undefined;
  // Counted a little after a change rather than at each one: a thousand deliveries in a burst would
  // otherwise query the store a thousand times for figures the status and /metrics only sample.
  const recount = () => {
    countDue ??= clock.schedule(RECOUNT_AFTER_MS, () => {
      countDue = undefined;
      counting = outbox
        .counts()
        .then((c) => {
          counted = c;
        })
        .catch(() => undefined)
        .finally(() => {
          counting = undefined;
        });
    });
  };
  const attemptListeners = new Set<(attempt: DeliveryAttempt) => void>();
  const worker = new AlertDeliveryWorker({
    queue: outbox,
    senders,
    clock,
    random: parts.random ?? Math.random,
    logger,
    policy: { ...DEFAULT_RETRY_POLICY, maxAgeMs: settings.maxAgeMs },
    leaseMs: 3 * settings.timeoutMs,
    ...(parts.pollIntervalMs !== undefined ? { pollIntervalMs: parts.pollIntervalMs } : {}),
    onAttempt: (attempt) => {
      recount();
      for (const listener of attemptListeners) listener(attempt);
    },
  });
  const wake = () => {
    recount();
    worker.wake();
  };
  core.store.ledger.alertThrough({ routes, onEnqueued: wake });

  /** Stores alerts no discrepancy change causes, each batch in a transaction of its own. */
  const store = (alerts: readonly Alert[]) =>
    outbox.transaction((tx) => enqueueAlerts(outbox, routes, alerts, clock.now(), tx)).then(wake);

  // A health alert the store refuses (its writes may be what is failing) is kept and tried again.
  const refused: HealthAlert[] = [];
  let retry: Cancel | undefined;
  const storeHealth = (alert: HealthAlert) => {
    refused.push(alert);
    if (retry) return;
    const attempt = () => {
      retry = undefined;
      const batch = refused.splice(0);
      store(batch).catch((error: unknown) => {
        refused.unshift(...batch);
        logger.error('a health alert could not be stored; trying again', {
          conditions: batch.map((a) => a.condition),
          error,
        });
        retry = clock.schedule(HEALTH_RETRY_MS, attempt);
      });
    };
    attempt();
  };

  const health = new SentinelHealth({
    clock,
    graceMs: settings.graceMs,
    reconcileIntervalMs: config.reconcileIntervalMs,
    onAlert: storeHealth,
  });
  for (const alert of await outbox.openHealthAlerts()) {
    if (alert.subject === 'health') health.adopt(alert.condition, alert.since);
  }
  health.observeBroker(core.broker.state);
  const heartbeat = settings.heartbeatUrl
    ? new Heartbeat({ url: settings.heartbeatUrl, clock, timeoutMs: settings.timeoutMs, logger })
    : undefined;
  const detach = [
    core.broker.onStateChange((change) => health.observeBroker(change.state)),
    core.writer.onFlush((flush) => health.observeStoreWrite(flush.ok)),
    core.reconciliation.onRun((run) => {
      health.observeRun(run);
      if (heartbeat && isVerifiedRun(run)) void heartbeat.ping();
    }),
  ];
  worker.start();
  if (routes.length > 0) logger.info('alerts go to routes', { routes: routes.map((r) => r.id) });

  return {
    routes,
    deliveries: (filter) => outbox.deliveries(filter),
    async sendTestAlert(routeId) {
      const route = routes.find((r) => r.id === routeId);
      if (!route) {
        const known = routes.length > 0 ? routes.map((r) => r.id).join(', ') : 'none is configured';
        throw new DomainError('NOT_FOUND', `no alert route "${routeId}" (routes: ${known})`);
      }
      const alert = testAlert(randomUUID(), clock.now());
      await outbox.transaction((tx) => outbox.enqueue([{ routeId, alert }], clock.now(), tx));
      wake();
      const [delivery] = await outbox.deliveries({ id: deliveryId(routeId, alert.eventId) });
      if (!delivery) throw new DomainError('STORE_UNAVAILABLE', 'the test alert was not stored');
      return delivery;
    },
    counts: () => counted,
    status: () => ({ routes: routes.map((r) => r.id), pending: counted.PENDING, dead: counted.DEAD }),
    onAttempt: (listener) => {
      attemptListeners.add(listener);
      return () => attemptListeners.delete(listener);
    },
    async close() {
      for (const d of detach) d();
      retry?.();
      countDue?.();
      health.stop();
      await heartbeat?.stop();
      await worker.stop();
      await counting;
    },
  };
}
