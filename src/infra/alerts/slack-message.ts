import type { Alert, AlertKind } from '../../domain/alerts/alert.js';
import type { Severity } from '../../domain/discrepancy.js';
import { contractText, quantityText } from './alert-details.js';
import type { AlertContext } from './alert-target.js';

type Text = { readonly type: 'plain_text' | 'mrkdwn'; readonly text: string; readonly emoji?: boolean };
export type SlackBlock =
  | { readonly type: 'header'; readonly text: Text }
  | { readonly type: 'section'; readonly text: Text; readonly fields?: readonly Text[] }
  | { readonly type: 'context'; readonly elements: readonly Text[] }
  | {
      readonly type: 'actions';
      readonly elements: readonly {
        readonly type: 'button';
        readonly text: Text;
        readonly url: string;
        readonly action_id: string;
      }[];
    };

/** A Slack incoming-webhook message: `text` is what notifications and old clients show. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

const SEVERITY_ICONS: Record<Severity, string> = {
  CRITICAL: ':red_circle:',
  WARNING: ':large_orange_circle:',
  INFO: ':large_blue_circle:',
};
const KIND_ICONS: Partial<Record<AlertKind, string>> = {
  ACKNOWLEDGED: ':eyes:',
  RESOLVED: ':white_check_mark:',
};
const KIND_WORDS: Record<AlertKind, string> = {
  OPENED: 'opened',
  SEVERITY_RAISED: 'severity raised',
  ACKNOWLEDGED: 'acknowledged',
  RESOLVED: 'resolved',
};

/** Slack's limits on a header and on a section's text. */
const MAX_HEADER = 150;
const MAX_SECTION = 3000;

/** Slack reads `&`, `<` and `>` as markup in mrkdwn: escaped, a message cannot inject a link. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text: clip(text, MAX_SECTION) });
const field = (label: string, value: string): Text => mrkdwn(`*${label}*\n${escapeSlack(value)}`);

/** The message for one alert: a readable line, then the contract, the quantities and a dashboard link. */
export function slackMessage(alert: Alert, context: AlertContext): SlackMessage {
  const icon = KIND_ICONS[alert.kind] ?? SEVERITY_ICONS[alert.severity];
  const text = `${icon} ${escapeSlack(alert.summary)} <${context.dashboardUrl}|Open the dashboard>`;
  const blocks: SlackBlock[] = [];
  if (alert.subject === 'discrepancy') {
    const d = alert.discrepancy;
    const title = `${d.severity} ${d.type.toLowerCase().replaceAll('_', ' ')} ${KIND_WORDS[alert.kind]}`;
    blocks.push(
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(`${icon} ${title}`, MAX_HEADER), emoji: true },
      },
      {
        type: 'section',
        text: mrkdwn(escapeSlack(d.message)),
        fields: [
          field('Account', d.account),
          field('Contract', contractText(alert)),
          field('Broker holds', quantityText(d.brokerQuantity)),
          field('Store holds', quantityText(d.storeQuantity)),
          field('Status', d.status),
          field('Severity', d.severity),
        ],
      },
      {
        type: 'context',
        elements: [
          mrkdwn(
            escapeSlack(
              `discrepancy ${d.id}${alert.runId ? ` · run ${alert.runId}` : ''} · ${alert.at.toISOString()}`,
            ),
          ),
        ],
      },
    );
  } else {
    const title =
      alert.subject === 'test' ? 'Test alert' : `position-sentinel health ${KIND_WORDS[alert.kind]}`;
    blocks.push(
      {
        type: 'header',
        text: { type: 'plain_text', text: clip(`${icon} ${title}`, MAX_HEADER), emoji: true },
      },
      { type: 'section', text: mrkdwn(escapeSlack(alert.summary)) },
      { type: 'context', elements: [mrkdwn(escapeSlack(`${alert.dedupKey} · ${alert.at.toISOString()}`))] },
    );
  }
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open the dashboard' },
        url: context.dashboardUrl,
        action_id: 'open-dashboard',
      },
    ],
  });
  return { text, blocks };
}
