import { describe, expect, it } from 'vitest';
import {
  type Alert,
  type DiscrepancyAlert,
  discrepancyAlert,
  healthAlert,
  testAlert,
} from '../../../src/domain/alerts/alert.js';
import type { Discrepancy } from '../../../src/domain/discrepancy.js';
import type { DiscrepancyEventKind } from '../../../src/domain/discrepancy-event.js';
import { alertRequest } from '../../../src/infra/alerts/alert-request.js';
import type { AlertContext } from '../../../src/infra/alerts/alert-target.js';
import { pagerDutyEvent } from '../../../src/infra/alerts/pagerduty-event.js';
import { escapeSlack, type SlackMessage, slackMessage } from '../../../src/infra/alerts/slack-message.js';
import { webhookBody } from '../../../src/infra/alerts/webhook-body.js';
import { checkSignature } from '../../../src/infra/alerts/webhook-signature.js';
import { mismatchDiscrepancy, nakedDiscrepancy, recorded } from '../../support/discrepancies.js';

const CONTEXT: AlertContext = { source: 'trading-box-1', dashboardUrl: 'http://127.0.0.1:4000/' };
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefabcdef';
const AT = new Date('2026-11-25T15:05:00Z');

function alertOf(
  kind: DiscrepancyEventKind,
  d: Discrepancy,
  seq: number,
  before?: Discrepancy,
): DiscrepancyAlert {
  return discrepancyAlert(recorded(kind, d, seq, AT), before, kind === 'ACKNOWLEDGED' ? null : 'run-7')!;
}

/** The life the issue names: opened as a warning, acknowledged, raised to critical, resolved. */
function oneLife(): DiscrepancyAlert[] {
  const warning = mismatchDiscrepancy();
  const acked = { ...warning, status: 'ACKNOWLEDGED' as const, acknowledgedAt: AT };
  const critical = { ...acked, status: 'OPEN' as const, severity: 'CRITICAL' as const, brokerQuantity: -3 };
  const resolved = { ...critical, status: 'RESOLVED' as const, resolvedAt: AT };
  return [
    alertOf('OPENED', warning, 1),
    alertOf('ACKNOWLEDGED', acked, 2, warning),
    alertOf('UPDATED', critical, 3, acked),
    alertOf('RESOLVED', resolved, 4, critical),
  ];
}

describe('PagerDuty Events API v2', () => {
  it('one discrepancy through its life is trigger, acknowledge, trigger, resolve with one dedup_key', () => {
    const events = oneLife().map((a) => pagerDutyEvent(a, ROUTING_KEY, CONTEXT));
    expect(events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'trigger', 'resolve']);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set(['d-mismatch-1']));
    expect(events.map((e) => e.payload?.severity)).toEqual(['warning', undefined, 'critical', undefined]);
    for (const e of events) expect(e.routing_key).toBe(ROUTING_KEY);
  });

  it('a trigger carries summary, source, severity, timestamp and the details a person needs', () => {
    const event = pagerDutyEvent(alertOf('OPENED', nakedDiscrepancy(), 1), ROUTING_KEY, CONTEXT);
    expect(event).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'd-naked-1',
      client: 'position-sentinel',
      client_url: 'http://127.0.0.1:4000/',
      payload: {
        summary: 'CRITICAL NAKED_POSITION opened: DU111111 AAPL 2027-01-15 230 P (broker none, store -2)',
        source: 'trading-box-1',
        severity: 'critical',
        timestamp: '2026-11-25T15:05:00.000Z',
        component: 'position-sentinel',
        group: 'DU111111',
        class: 'NAKED_POSITION',
        custom_details: {
          account: 'DU111111',
          contract: 'AAPL 2027-01-15 230 P',
          conId: 700020,
          type: 'NAKED_POSITION',
          status: 'OPEN',
          brokerQuantity: null,
          storeQuantity: -2,
          difference: 2,
          run: 'run-7',
          discrepancy: 'd-naked-1',
          message: 'Store holds -2 AAPL 2027-01-15 230 P in DU111111; the broker does not',
          firstSeenAt: '2026-11-25T15:00:00.000Z',
        },
      },
      links: [{ href: 'http://127.0.0.1:4000/', text: 'position-sentinel dashboard' }],
    });
  });

  it('keeps within the documented limits: summary 1,024 characters, dedup_key 255', () => {
    const long = nakedDiscrepancy({ account: 'X'.repeat(2000) });
    const event = pagerDutyEvent(alertOf('OPENED', long, 1), ROUTING_KEY, CONTEXT);
    expect(event.payload?.summary.length).toBe(1024);
    const health = pagerDutyEvent(healthAlert('NO_VERIFIED_RUN', 'OPENED', AT, AT), ROUTING_KEY, CONTEXT);
    expect(health.dedup_key.length).toBeLessThanOrEqual(255);
    expect(health.payload).toMatchObject({ severity: 'critical', class: 'NO_VERIFIED_RUN' });
    expect(health.payload?.custom_details).toEqual({ condition: 'NO_VERIFIED_RUN', since: AT.toISOString() });
  });
});

/** The parts of Slack's Block Kit the messages use, with Slack's documented limits. */
function expectSlackShape(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(block.text.text.length).toBeLessThanOrEqual(150);
    } else if (block.type === 'section') {
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    } else if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(10);
    } else {
      expect(block.type).toBe('actions');
      for (const e of block.elements) expect(new URL(e.url).href).toBe(e.url);
    }
  }
}

describe('Slack incoming webhook', () => {
  it('a readable text, then blocks with the contract, both quantities and a dashboard link', () => {
    const message = slackMessage(alertOf('OPENED', nakedDiscrepancy(), 1), CONTEXT);
    expectSlackShape(message);
    expect(message.text).toBe(
      ':red_circle: CRITICAL NAKED_POSITION opened: DU111111 AAPL 2027-01-15 230 P (broker none, store -2) <http://127.0.0.1:4000/|Open the dashboard>',
    );
    const json = JSON.stringify(message.blocks);
    for (const part of [
      '*Contract*\\nAAPL 2027-01-15 230 P',
      '*Broker holds*\\nnone',
      '*Store holds*\\n-2',
    ]) {
      expect(json).toContain(part);
    }
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', url: 'http://127.0.0.1:4000/' }],
    });
  });

  it('every alert of a life, health and test alerts keep the shape', () => {
    const alerts: Alert[] = [
      ...oneLife(),
      healthAlert('BROKER_UNAVAILABLE', 'OPENED', AT, AT),
      healthAlert('BROKER_UNAVAILABLE', 'RESOLVED', AT, AT),
      testAlert('t-1', AT),
    ];
    for (const alert of alerts) expectSlackShape(slackMessage(alert, CONTEXT));
    expect(slackMessage(oneLife()[3]!, CONTEXT).text).toMatch(/^:white_check_mark: /);
  });

  it('text from the broker cannot become Slack markup', () => {
    expect(escapeSlack('<!channel> & <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
    const d = nakedDiscrepancy({ message: 'Store holds <!here> 2' });
    expect(JSON.stringify(slackMessage(alertOf('OPENED', d, 1), CONTEXT))).not.toContain('<!here>');
  });
});

describe('signed webhook', () => {
  it('the body has every key of version 1, and null where one does not apply', () => {
    const keys = [
      'version',
      'id',
      'type',
      'createdAt',
      'dedupKey',
      'severity',
      'summary',
      'test',
      'dashboardUrl',
      'discrepancy',
      'health',
    ];
    const discrepancy = webhookBody(oneLife()[0]!, CONTEXT);
    const health = webhookBody(healthAlert('STORE_WRITES_FAILING', 'OPENED', AT, AT), CONTEXT);
    const test = webhookBody(testAlert('t-1', AT), CONTEXT);
    for (const body of [discrepancy, health, test]) expect(Object.keys(body)).toEqual(keys);
    expect(oneLife().map((a) => webhookBody(a, CONTEXT).type)).toEqual([
      'discrepancy.opened',
      'discrepancy.acknowledged',
      'discrepancy.severity_raised',
      'discrepancy.resolved',
    ]);
    expect(health).toMatchObject({
      type: 'health.opened',
      discrepancy: null,
      health: { condition: 'STORE_WRITES_FAILING' },
    });
    expect(test).toMatchObject({ type: 'test', test: true, discrepancy: null, health: null });
  });

  it('is signed over "t.body" with the secret, carries the event id as Idempotency-Key, and is signed anew per attempt', () => {
    const secret = 'whsec-test-0123456789';
    const alert = oneLife()[0]!;
    const target = { channel: 'webhook' as const, url: 'http://127.0.0.1:9/hook', secret };
    const first = alertRequest(target, alert, CONTEXT, AT);
    const later = alertRequest(target, alert, CONTEXT, new Date(AT.getTime() + 60_000));
    expect(first.headers['idempotency-key']).toBe('d-mismatch-1:1');
    expect(first.body).toBe(later.body);
    const header = first.headers['x-sentinel-signature'];
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(header).not.toBe(later.headers['x-sentinel-signature']);
    expect(checkSignature(header, first.body, secret, AT)).toBe('valid');
    expect(checkSignature(header, `${first.body} `, secret, AT)).toBe('invalid');
    expect(checkSignature(header, first.body, 'another-secret-000', AT)).toBe('invalid');
    expect(checkSignature(header, first.body, secret, new Date(AT.getTime() + 301_000))).toBe('stale');
    expect(JSON.stringify(first)).not.toContain(secret);
  });
});
