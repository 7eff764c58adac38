import type { Alert } from '../../domain/alerts/alert.js';
import type { AlertContext, AlertTarget } from './alert-target.js';
import { pagerDutyEvent } from './pagerduty-event.js';
import { slackMessage } from './slack-message.js';
import { webhookBody } from './webhook-body.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

/** One HTTP POST of a JSON body. */
export interface AlertRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The request that carries an alert to its channel at `at` (the attempt's time: a webhook is signed
 * anew on every attempt; the body stays the same).
 */
export function alertRequest(
  target: AlertTarget,
  alert: Alert,
  context: AlertContext,
  at: Date,
): AlertRequest {
  const json = { 'content-type': 'application/json', 'user-agent': 'position-sentinel' };
  if (target.channel === 'pagerduty') {
    return {
      url: target.url,
      headers: json,
      body: JSON.stringify(pagerDutyEvent(alert, target.routingKey, context)),
    };
  }
  if (target.channel === 'slack') {
    return { url: target.url, headers: json, body: JSON.stringify(slackMessage(alert, context)) };
  }
  const body = JSON.stringify(webhookBody(alert, context));
  return {
    url: target.url,
    headers: {
      ...json,
      'idempotency-key': alert.eventId,
      [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(body, target.secret, at),
    },
    body,
  };
}
