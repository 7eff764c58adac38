/**
 * Every configuration option: its flag, its environment variable and its default. The names are
 * part of the product's interface; the README's Configuration table is checked against this list.
 */
export interface ConfigOption {
  readonly flag: string;
  readonly env: string;
  /** The default as a user would write it; undefined when there is none. */
  readonly default: string | undefined;
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** A variable holding the secret itself, for an option that names the file holding it. */
  readonly secretEnv?: string;
  readonly description: string;
}

export const CONFIG_OPTIONS = [
  {
    flag: 'host',
    env: 'SENTINEL_HOST',
    default: '127.0.0.1',
    type: 'string',
    description: 'Address the API listens on',
  },
  {
    flag: 'port',
    env: 'SENTINEL_PORT',
    default: '4000',
    type: 'string',
    description: 'Port of the API (0 picks a free one)',
  },
  {
    flag: 'db',
    env: 'SENTINEL_DB',
    default: './data/positions.duckdb',
    type: 'string',
    description: 'DuckDB file (`:memory:` keeps nothing)',
  },
  {
    flag: 'ib-host',
    env: 'IB_HOST',
    default: '127.0.0.1',
    type: 'string',
    description: 'Host of TWS or IB Gateway',
  },
  {
    flag: 'ib-port',
    env: 'IB_PORT',
    default: '7497',
    type: 'string',
    description: 'API port of TWS or IB Gateway (7497 is TWS paper)',
  },
  {
    flag: 'ib-client-id',
    env: 'IB_CLIENT_ID',
    default: '17',
    type: 'string',
    description: 'API client id, unique per TWS session',
  },
  {
    flag: 'ib-account',
    env: 'IB_ACCOUNT',
    default: undefined,
    type: 'string',
    description: 'Account for the portfolio feed (default: the first managed account)',
  },
  {
    flag: 'sec-types',
    env: 'SENTINEL_SEC_TYPES',
    default: 'OPT',
    type: 'string',
    description: 'Security types tracked: a list such as `OPT,FOP`, or `ALL`',
  },
  {
    flag: 'flush-interval-ms',
    env: 'SENTINEL_FLUSH_INTERVAL_MS',
    default: '3000',
    type: 'string',
    description: 'How often buffered updates are written',
  },
  {
    flag: 'reconcile-interval-ms',
    env: 'SENTINEL_RECONCILE_INTERVAL_MS',
    default: '300000',
    type: 'string',
    description: 'How often a scheduled reconciliation runs',
  },
  {
    flag: 'stale-after-ms',
    env: 'SENTINEL_STALE_AFTER_MS',
    default: '900000',
    type: 'string',
    description: 'Age after which an agreeing row of the portfolio account is STALE_DATA',
  },
  {
    flag: 'quiet-window-ms',
    env: 'SENTINEL_QUIET_WINDOW_MS',
    default: '5000',
    type: 'string',
    description: 'Keys that traded this close to a snapshot are checked on the next run',
  },
  {
    flag: 'snapshot-timeout-ms',
    env: 'SENTINEL_SNAPSHOT_TIMEOUT_MS',
    default: '30000',
    type: 'string',
    description: 'How long a broker snapshot may take before the broker counts as unavailable',
  },
  {
    flag: 'shutdown-timeout-ms',
    env: 'SENTINEL_SHUTDOWN_TIMEOUT_MS',
    default: '15000',
    type: 'string',
    description: 'How long shutdown may take before the process exits non-zero, saying what is unfinished',
  },
  {
    flag: 'tolerance-absolute',
    env: 'SENTINEL_TOLERANCE_ABSOLUTE',
    default: '1e-9',
    type: 'string',
    description: 'Quantities closer than this agree',
  },
  {
    flag: 'tolerance-relative',
    env: 'SENTINEL_TOLERANCE_RELATIVE',
    default: '0',
    type: 'string',
    description: 'Quantities within this fraction of the larger agree',
  },
  {
    flag: 'heal',
    env: 'SENTINEL_HEAL',
    default: 'off',
    type: 'boolean',
    description: "Write the broker's rows for MISSING_FROM_STORE and POSITION_MISMATCH after each run",
  },
  {
    flag: 'api-key',
    env: 'SENTINEL_API_KEYS',
    default: undefined,
    type: 'string',
    multiple: true,
    description:
      'API key and role, `KEY:read` or `KEY:admin` (repeatable; the variable takes `key:role,key:role`)',
  },
  {
    flag: 'log-level',
    env: 'SENTINEL_LOG_LEVEL',
    default: 'info',
    type: 'string',
    description: '`debug`, `info`, `warn` or `error`',
  },
  // Alerts: routes, their channels' targets and secrets, and how long to try.
  {
    flag: 'alert-route',
    env: 'SENTINEL_ALERT_ROUTES',
    default: undefined,
    type: 'string',
    multiple: true,
    description:
      'Alert route `CHANNEL[:min=…,account=…,type=…,name=…]`, channel `pagerduty`, `slack` or `webhook` (repeatable; the variable separates routes with `;`)',
  },
  {
    flag: 'alert-pagerduty-routing-key-file',
    env: 'SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY_FILE',
    secretEnv: 'SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY',
    default: undefined,
    type: 'string',
    description: 'File holding the PagerDuty Events API v2 routing key',
  },
  {
    flag: 'alert-pagerduty-url',
    env: 'SENTINEL_ALERT_PAGERDUTY_URL',
    default: 'https://events.pagerduty.com/v2/enqueue',
    type: 'string',
    description: 'PagerDuty Events API v2 endpoint (`https://events.eu.pagerduty.com/v2/enqueue` in the EU)',
  },
  {
    flag: 'alert-slack-webhook-url-file',
    env: 'SENTINEL_ALERT_SLACK_WEBHOOK_URL_FILE',
    secretEnv: 'SENTINEL_ALERT_SLACK_WEBHOOK_URL',
    default: undefined,
    type: 'string',
    description: 'File holding the Slack incoming-webhook URL (the URL is a credential)',
  },
  {
    flag: 'alert-webhook-url',
    env: 'SENTINEL_ALERT_WEBHOOK_URL',
    default: undefined,
    type: 'string',
    description: 'URL that receives signed webhook alerts',
  },
  {
    flag: 'alert-webhook-secret-file',
    env: 'SENTINEL_ALERT_WEBHOOK_SECRET_FILE',
    secretEnv: 'SENTINEL_ALERT_WEBHOOK_SECRET',
    default: undefined,
    type: 'string',
    description: 'File holding the secret webhook alerts are signed with (16 characters or more)',
  },
  {
    flag: 'alert-heartbeat-url',
    env: 'SENTINEL_ALERT_HEARTBEAT_URL',
    default: undefined,
    type: 'string',
    description: 'URL requested after each verified run, for a healthchecks-style service',
  },
  {
    flag: 'alert-dashboard-url',
    env: 'SENTINEL_ALERT_DASHBOARD_URL',
    default: undefined,
    type: 'string',
    description: "Dashboard link in alerts (default: the API's own address)",
  },
  {
    flag: 'alert-grace-ms',
    env: 'SENTINEL_ALERT_GRACE_MS',
    default: '300000',
    type: 'string',
    description: 'How long the broker may be unavailable, or store writes fail, before an alert opens',
  },
  {
    flag: 'alert-max-age-ms',
    env: 'SENTINEL_ALERT_MAX_AGE_MS',
    default: '86400000',
    type: 'string',
    description: 'How long an alert is retried before its delivery is given up',
  },
  {
    flag: 'alert-timeout-ms',
    env: 'SENTINEL_ALERT_TIMEOUT_MS',
    default: '10000',
    type: 'string',
    description: 'How long one alert request may take',
  },
] as const satisfies readonly ConfigOption[];

export type ConfigFlag = (typeof CONFIG_OPTIONS)[number]['flag'];
