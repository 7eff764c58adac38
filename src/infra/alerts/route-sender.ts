import type { Alert } from '../../domain/alerts/alert.js';
import type { Clock } from '../../domain/clock.js';
import { alertRequest } from './alert-request.js';
import { type AlertContext, type AlertTarget, targetSecrets } from './alert-target.js';
import { type HttpSendOutcome, httpSend } from './http-send.js';

/** Sends one alert over one route's channel; never throws. */
export type RouteSender = (alert: Alert, signal: AbortSignal) => Promise<HttpSendOutcome>;

export interface RouteSenderOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
}

export function routeSender(
  target: AlertTarget,
  context: AlertContext,
  options: RouteSenderOptions,
): RouteSender {
  const secrets = targetSecrets(target);
  return (alert, signal) => {
    const request = alertRequest(target, alert, context, options.clock.now());
    return httpSend(
      { method: 'POST', ...request },
      { clock: options.clock, timeoutMs: options.timeoutMs, secrets, signal },
    );
  };
}
