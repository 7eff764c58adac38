import type { AlertChannel } from '../../domain/alerts/alert-route.js';
import { urlSecrets } from './http-send.js';

/** Where one channel's alerts go, with its credential. */
export type AlertTarget =
  | { readonly channel: 'pagerduty'; readonly url: string; readonly routingKey: string }
  | { readonly channel: 'slack'; readonly url: string }
  | { readonly channel: 'webhook'; readonly url: string; readonly secret: string };

export type ChannelTargets = { readonly [C in AlertChannel]?: Extract<AlertTarget, { channel: C }> };

/** What every payload names besides the alert: which sentinel, and where a person looks. */
export interface AlertContext {
  /** The machine the sentinel runs on (PagerDuty's `source`). */
  readonly source: string;
  readonly dashboardUrl: string;
}

/**
 * The values no log, error or metric may show. A Slack incoming-webhook URL is its own credential
 * (its path is the token), so the whole URL counts.
 */
export function targetSecrets(target: AlertTarget): string[] {
  if (target.channel === 'pagerduty') return [target.routingKey];
  if (target.channel === 'slack') return urlSecrets(target.url);
  return [target.secret];
}
