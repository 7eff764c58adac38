import { readFileSync } from 'node:fs';
import { HEALTH_CONDITION_NAMES } from '../domain/alerts/alert.js';
import { ALERT_CHANNELS, type AlertChannel, type AlertRoute } from '../domain/alerts/alert-route.js';
import { DISCREPANCY_TYPES, SEVERITIES, type Severity } from '../domain/discrepancy.js';
import type { ChannelTargets } from '../infra/alerts/alert-target.js';

/** Where alerts go, as configured; the durations are read with the other numbers in config.ts. */
export interface AlertRouting {
  readonly routes: readonly AlertRoute[];
  readonly targets: ChannelTargets;
  readonly heartbeatUrl: string | undefined;
  /** The dashboard link alerts carry; undefined: the API's own address. */
  readonly dashboardUrl: string | undefined;
}

export interface AlertConfig extends AlertRouting {
  readonly graceMs: number;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
}

/** A value as loadConfig found it: the text and where it came from (a flag, a variable, a default). */
type Raw = (flag: string) => { value: string; from: string } | undefined;

/** A route without `min=` pages only for what its channel is for. */
const DEFAULT_MIN: Record<AlertChannel, Severity> = {
  pagerduty: 'CRITICAL',
  slack: 'WARNING',
  webhook: 'INFO',
};
const ROUTE_TYPES: readonly string[] = [...DISCREPANCY_TYPES, ...HEALTH_CONDITION_NAMES];
const MIN_WEBHOOK_SECRET = 16;

/**
 * Reads the alert routes and their channels' targets, adding one sentence per bad value to
 * `problems`. Routes come from `--alert-route` (repeatable), else from `SENTINEL_ALERT_ROUTES`
 * (routes separated by `;`). Secrets come from a file (`--…-file`, or its `_FILE` variable) or from
 * the variable holding the value itself; never from a flag, which every user of the machine can
 * read in the process list.
 */
export function alertRouting(
  raw: Raw,
  routeFlags: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): AlertRouting {
  const flagged = Array.isArray(routeFlags) ? routeFlags.map(String) : [];
  const specs =
    flagged.length > 0
      ? flagged.map((text) => ({ text, from: '--alert-route' }))
      : (env.SENTINEL_ALERT_ROUTES ?? '')
          .split(';')
          .map((t) => t.trim())
          .filter((t) => t !== '')
          .map((text) => ({ text, from: 'SENTINEL_ALERT_ROUTES' }));
  const routes: AlertRoute[] = [];
  for (const { text, from } of specs) {
    try {
      routes.push(parseRoute(text, routes));
    } catch (error) {
      problems.push(`${from} "${text}": ${(error as Error).message}`);
    }
  }

  const secret = (flag: string, variable: string) => readSecret(raw(flag), env[variable], variable, problems);
  // A value given but refused has its own line already; "needs" lines are for values not given.
  const given = (flag: string, variable?: string) =>
    raw(flag) !== undefined || (variable !== undefined && (env[variable] ?? '') !== '');
  const url = (flag: string) => checkedUrl(raw(flag), problems);
  const used = new Set(routes.map((r) => r.channel));
  const targets: { -readonly [C in keyof ChannelTargets]: ChannelTargets[C] } = {};

  const routingKey = secret(
    'alert-pagerduty-routing-key-file',
    'SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY',
  )?.value;
  const pagerDutyUrl = url('alert-pagerduty-url');
  if (routingKey !== undefined && pagerDutyUrl !== undefined) {
    targets.pagerduty = { channel: 'pagerduty', url: pagerDutyUrl, routingKey };
  } else if (
    used.has('pagerduty') &&
    !given('alert-pagerduty-routing-key-file', 'SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY')
  ) {
    problems.push(
      'a pagerduty route needs a routing key: --alert-pagerduty-routing-key-file FILE, or SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY',
    );
  }

  const slackUrl = secret('alert-slack-webhook-url-file', 'SENTINEL_ALERT_SLACK_WEBHOOK_URL');
  if (slackUrl !== undefined) {
    const checked = checkedUrl(slackUrl, problems);
    if (checked !== undefined) targets.slack = { channel: 'slack', url: checked };
  } else if (
    used.has('slack') &&
    !given('alert-slack-webhook-url-file', 'SENTINEL_ALERT_SLACK_WEBHOOK_URL')
  ) {
    problems.push(
      'a slack route needs the incoming-webhook URL: --alert-slack-webhook-url-file FILE, or SENTINEL_ALERT_SLACK_WEBHOOK_URL',
    );
  }

  const webhookGiven = given('alert-webhook-url');
  const webhookUrl = url('alert-webhook-url');
  const webhookSecret = secret('alert-webhook-secret-file', 'SENTINEL_ALERT_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && webhookSecret.value.length < MIN_WEBHOOK_SECRET) {
    problems.push(`${webhookSecret.from} is too short; use at least ${MIN_WEBHOOK_SECRET} characters`);
  } else if (webhookUrl !== undefined && webhookSecret !== undefined) {
    targets.webhook = { channel: 'webhook', url: webhookUrl, secret: webhookSecret.value };
  } else if (used.has('webhook') || webhookGiven) {
    if (!webhookGiven)
      problems.push('a webhook route needs --alert-webhook-url (or SENTINEL_ALERT_WEBHOOK_URL)');
    if (!given('alert-webhook-secret-file', 'SENTINEL_ALERT_WEBHOOK_SECRET')) {
      problems.push(
        'a webhook needs a secret to sign with: --alert-webhook-secret-file FILE, or SENTINEL_ALERT_WEBHOOK_SECRET',
      );
    }
  }

  return {
    routes,
    targets,
    heartbeatUrl: url('alert-heartbeat-url'),
    dashboardUrl: url('alert-dashboard-url'),
  };
}

/**
 * `CHANNEL[:KEY=VALUE,…]`, for example `pagerduty:min=critical,account=DU111111|DU222222,type=NAKED_POSITION`.
 * Keys: `min` (info, warning, critical), `account` and `type` (lists separated by `|`), `name`
 * (the route's id; by default the channel, then `CHANNEL-2`, …).
 */
export function parseRoute(text: string, earlier: readonly AlertRoute[] = []): AlertRoute {
  const at = text.indexOf(':');
  const channel = (at < 0 ? text : text.slice(0, at)).trim().toLowerCase() as AlertChannel;
  if (!ALERT_CHANNELS.includes(channel))
    throw new Error(`the channel must be one of ${ALERT_CHANNELS.join(', ')}`);
  let minSeverity = DEFAULT_MIN[channel];
  let accounts: string[] = [];
  let types: AlertRoute['types'][number][] = [];
  let name: string | undefined;
  const seen = new Set<string>();
  for (const option of at < 0 ? [] : text.slice(at + 1).split(',')) {
    const eq = option.indexOf('=');
    const key = (eq < 0 ? option : option.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : option.slice(eq + 1).trim();
    if (seen.has(key)) throw new Error(`${key} is given twice`);
    seen.add(key);
    const list = value.split('|').map((v) => v.trim());
    if (value === '' || list.includes(''))
      throw new Error(`${key || 'an option'} needs a value, written KEY=VALUE`);
    if (key === 'min') {
      const severity = value.toUpperCase() as Severity;
      if (!SEVERITIES.includes(severity)) throw new Error('min must be info, warning or critical');
      minSeverity = severity;
    } else if (key === 'account') {
      const bad = list.find((a) => !/^[A-Za-z0-9]{2,20}$/.test(a));
      if (bad !== undefined) throw new Error(`account "${bad}" is not an IB account code such as DU1234567`);
      accounts = list;
    } else if (key === 'type') {
      const upper = list.map((t) => t.toUpperCase());
      const bad = upper.find((t) => !ROUTE_TYPES.includes(t));
      if (bad !== undefined) throw new Error(`type "${bad}" is not one of ${ROUTE_TYPES.join(', ')}`);
      types = upper as AlertRoute['types'][number][];
    } else if (key === 'name') {
      if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(value)) {
        throw new Error('name takes lowercase letters, digits and dashes (at most 40)');
      }
      name = value;
    } else {
      throw new Error(`unknown option "${key}" (min, account, type, name)`);
    }
  }
  const id = name ?? defaultName(channel, earlier);
  if (earlier.some((r) => r.id === id))
    throw new Error(`a route is already named ${id}; add name=… to tell them apart`);
  return { id, channel, minSeverity, accounts, types };
}

function defaultName(channel: AlertChannel, earlier: readonly AlertRoute[]): string {
  const taken = new Set(earlier.map((r) => r.id));
  if (!taken.has(channel)) return channel;
  let n = 2;
  while (taken.has(`${channel}-${n}`)) n++;
  return `${channel}-${n}`;
}

/** The value from a `--…-file` (flag or `_FILE` variable) or from the variable holding it; never echoed. */
function readSecret(
  file: { value: string; from: string } | undefined,
  direct: string | undefined,
  variable: string,
  problems: string[],
): { value: string; from: string } | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file.value, 'utf8').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        `${file.from}: cannot read ${file.value} (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
      );
      return undefined;
    }
    if (text === '') {
      problems.push(`${file.from}: ${file.value} is empty`);
      return undefined;
    }
    return { value: text, from: `${file.from}: the secret in ${file.value}` };
  }
  const value = direct?.trim() ?? '';
  if (direct !== undefined && direct !== '' && value === '') problems.push(`${variable} is blank`);
  return value === '' ? undefined : { value, from: variable };
}

/**
 * An absolute http(s) URL. Plain http only to this machine: alerts carry positions and credentials
 * (a routing key, a Slack token in the path), which must not cross a network in clear text. The
 * URL itself is not repeated in the message, as it may be a credential.
 */
function checkedUrl(
  found: { value: string; from: string } | undefined,
  problems: string[],
): string | undefined {
  if (found === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(found.value.trim());
  } catch {
    problems.push(`${found.from} must be an absolute URL such as https://example.com/alerts`);
    return undefined;
  }
  const loopback =
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.href;
  problems.push(
    `${found.from} must use https (plain http only to this machine: alerts carry positions and credentials)`,
  );
  return undefined;
}
