import type { Clock } from '../domain/clock.js';
import type { ReconciliationService } from '../domain/reconciliation/reconciliation-service.js';
import { VerificationWatch } from '../domain/reconciliation/verification-watch.js';
import type { Verification } from '../domain/verification.js';
import { ApiKeyAuth } from '../infra/http/api-key-auth.js';
import { type ApiServer, type Readiness, startApiServer } from '../infra/http/api-server.js';
import { staticFiles } from '../infra/http/static-files.js';
import type { IbAdapter } from '../infra/ib/ib-adapter.js';
import type { Logger } from '../infra/logger.js';
import { systemClock } from '../infra/system-clock.js';
import { schema } from '../schema/index.js';
import { startAlerting } from './alerting.js';
import type { Config } from './config.js';
import { createSentinelApi } from './create-sentinel-api.js';
import { listening } from './listen-failure.js';
import { packageVersion } from './package-root.js';
import { assembleCore, type CoreTuning, type SentinelCore } from './sentinel-core.js';
import { sentinelMetrics } from './sentinel-metrics.js';
import { SubscriptionMeter } from './subscription-meter.js';
import { SystemStatusSource } from './system-status-source.js';

export interface SentinelOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Marks the status as DEMO (the broker is the built-in simulator). */
  readonly demo?: boolean;
  /** Where the built dashboard lives; without it, only the API and GraphiQL are served. */
  readonly webRoot?: string;
  readonly tuning?: CoreTuning;
  /** How long an SSE stream may carry nothing before it gets a keep-alive comment (default 12 s). */
  readonly sseKeepAliveMs?: number;
}

export interface Sentinel {
  readonly url: string;
  readonly port: number;
  readonly broker: IbAdapter;
  readonly reconciliation: ReconciliationService;
  /** Ordered shutdown: API (subscriptions complete), reconciliation, broker, writer (flushing), store. */
  close(): Promise<void>;
  /** The shutdown steps not finished yet, the one in progress first. */
  unfinishedClose(): readonly string[];
}

const NO_SUBSCRIPTIONS = {
  subscribers: 0,
  cohorts: 0,
  sources: 0,
  sourceResults: 0,
  deliveries: 0,
  slowConsumersClosed: 0,
};

/** The whole service: the core with its status, metrics and the API server on top. */
export async function startSentinel(options: SentinelOptions): Promise<Sentinel> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const core = await assembleCore(config, logger, clock, options.tuning);
  try {
    const verification = new VerificationWatch({
      clock,
      intervalMs: config.reconcileIntervalMs,
      brokerState: () => core.broker.state,
      onBrokerState: (listener) => core.broker.onStateChange(listener),
      latestComplete: () => core.reconciliation.latestComplete(),
      onRun: (listener) => core.reconciliation.onRun(listener),
    });
    verification.start();
    core.onClose(() => verification.stop(), 'verification');
    const status = new SystemStatusSource({
      broker: core.broker,
      writer: core.writer,
      reconciliation: core.reconciliation,
      verification,
      alerts: () => alerting.status(),
      storePath: config.db,
      demo: options.demo ?? false,
      version: packageVersion(),
      startedAt: clock.now(),
      clock,
    });
    status.start();
    core.onClose(() => status.stop(), 'status');

    let server: ApiServer | undefined;
    const alerting = await startAlerting({
      config,
      core,
      clock,
      logger,
      dashboardUrl: () => server?.url ?? '',
    });
    core.onClose(() => alerting.close(), 'alert delivery');

    const subscriptions = new SubscriptionMeter();
    const metrics = sentinelMetrics({
      ...core,
      subscriptions,
      verification,
      clock,
      alerting,
      activeDiscrepancies: await core.store.ledger.activeDiscrepancies(),
      webSocketConnections: () => server?.webSocketConnections() ?? 0,
      sseStreams: () => server?.sseStreams() ?? 0,
      cohortSubscriptions: () => server?.subscriptions() ?? NO_SUBSCRIPTIONS,
    });
    core.onClose(metrics.dispose, 'metrics');

    server = await listening('api', config, () =>
      startApiServer({
        host: config.host,
        port: config.port,
        schema,
        api: createSentinelApi({
          ...core,
          status: () => status.current(),
          statusChanges: () => status.changes(),
          subscriptions,
          alerting,
        }),
        auth: new ApiKeyAuth(config.apiKeys),
        logger: logger.child({ component: 'api' }),
        readiness: () => readiness(core, verification.current()),
        metrics: () => metrics.registry.render(),
        endSubscriptions: () => subscriptions.completeAll(),
        ...(options.sseKeepAliveMs !== undefined ? { sseKeepAliveMs: options.sseKeepAliveMs } : {}),
        ...(options.webRoot ? { staticRoutes: staticFiles(options.webRoot) } : {}),
      }),
    );
    core.onClose(server.close, 'API server (completing subscriptions)');
    core.broker.start();
    return {
      url: server.url,
      port: server.port,
      broker: core.broker,
      reconciliation: core.reconciliation,
      close: core.close,
      unfinishedClose: core.unfinishedClose,
    };
  } catch (error) {
    await core.close();
    throw error;
  }
}

/**
 * Ready: the broker is READY, the store takes writes (migrations ran when it opened), and a recent
 * run verified the store against the broker (docs/reconciliation-rules.md §13).
 */
function readiness(core: SentinelCore, verification: Verification): Readiness {
  const store = core.writer.status();
  const checks = {
    broker: core.broker.state === 'READY' ? (true as const) : `broker is ${core.broker.state}`,
    store:
      store.consecutiveFailures === 0
        ? (true as const)
        : `writes are failing: ${store.lastError ?? 'unknown'}`,
    verification:
      verification.state === 'VERIFIED'
        ? (true as const)
        : `${verification.state}: ${verification.reason ?? 'not verified'}`,
  };
  return { ready: Object.values(checks).every((c) => c === true), checks };
}
