import type { Config } from '../app/config.js';
import type { Logger } from '../infra/logger.js';

/**
 * Alert routes are checked at start, but the service does not send alerts yet (the outbox in the
 * store and its wiring come next): say so once, so nobody relies on a route that stays silent.
 */
export function warnIfAlertsConfigured(config: Config, logger: Logger): void {
  if (config.alerts.routes.length === 0 && config.alerts.heartbeatUrl === undefined) return;
  logger.warn('alert routes and the heartbeat are checked but not sent by this version', {
    routes: config.alerts.routes.map((r) => r.id),
  });
}
