import { describe, expect, it } from 'vitest';
import { healthAlert } from '../../../src/domain/alerts/alert.js';
import type { AlertRoute } from '../../../src/domain/alerts/alert-route.js';
import { mismatchDiscrepancy, nakedDiscrepancy } from '../../support/discrepancies.js';
import { useReceivers } from '../../support/http-receiver.js';
import { alertFor, deliveryHarness, type RouteUnderTest, T0 } from './support/delivery-harness.js';

const ROUTING_KEY = 'pd-routing-key-7f3a9c0b12d4e5f6';
const SLACK_TOKEN = 'T000SLACK/B000HOOK/xoxSecretToken123';
const WEBHOOK_SECRET = 'whsec-never-logged-0001';

const receiver = useReceivers();

function route(
  id: string,
  channel: AlertRoute['channel'],
  minSeverity: AlertRoute['minSeverity'],
): AlertRoute {
  return { id, channel, minSeverity, accounts: [], types: [] };
}

describe('each channel over real HTTP', () => {
  it('one discrepancy through its life reaches PagerDuty as trigger, acknowledge, trigger, resolve with one dedup_key, and Slack and the webhook in the same order', async () => {
    const pd = await receiver(() => ({
      status: 202,
      body: '{"status":"success","message":"Event processed"}',
    }));
    const slack = await receiver(() => ({ status: 200, body: 'ok' }));
    const hook = await receiver();
    const routes: RouteUnderTest[] = [
      {
        route: route('pager', 'pagerduty', 'WARNING'),
        target: { channel: 'pagerduty', url: `${pd.url}/v2/enqueue`, routingKey: ROUTING_KEY },
      },
      {
        route: route('chat', 'slack', 'WARNING'),
        target: { channel: 'slack', url: `${slack.url}/services/${SLACK_TOKEN}` },
      },
      {
        route: route('hook', 'webhook', 'INFO'),
        target: { channel: 'webhook', url: `${hook.url}/alerts`, secret: WEBHOOK_SECRET },
      },
    ];
    const h = await deliveryHarness(routes);
    h.worker.start();

    const warning = mismatchDiscrepancy();
    const acked = { ...warning, status: 'ACKNOWLEDGED' as const, acknowledgedAt: T0 };
    const critical = { ...acked, status: 'OPEN' as const, severity: 'CRITICAL' as const, brokerQuantity: -3 };
    const resolved = { ...critical, status: 'RESOLVED' as const, resolvedAt: T0 };
    await h.enqueue([alertFor('OPENED', warning)]);
    await h.runFor(60_000);
    await h.enqueue([alertFor('ACKNOWLEDGED', acked, warning)]);
    await h.enqueue([alertFor('UPDATED', critical, acked)]);
    await h.runFor(60_000);
    await h.enqueue([alertFor('RESOLVED', resolved, critical)]);
    await h.runFor(5000);

    const events = pd.accepted().map((x) => x.json);
    expect(events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'trigger', 'resolve']);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set([warning.id]));
    expect(events.map((e) => (e.payload as { severity?: string } | undefined)?.severity)).toEqual([
      'warning',
      undefined,
      'critical',
      undefined,
    ]);
    expect(
      pd.requests.every((q) => q.path === '/v2/enqueue' && q.headers['content-type'] === 'application/json'),
    ).toBe(true);
    expect(slack.accepted().map((x) => String(x.json.text).split(' ')[0])).toEqual([
      ':large_orange_circle:',
      ':eyes:',
      ':red_circle:',
      ':white_check_mark:',
    ]);
    expect(hook.accepted().map((x) => x.json.type)).toEqual([
      'discrepancy.opened',
      'discrepancy.acknowledged',
      'discrepancy.severity_raised',
      'discrepancy.resolved',
    ]);
  });

  it('no secret reaches a log line, a recorded error or an attempt report, whatever the receivers say back', async () => {
    // Receivers that fail in the ways that tempt a sender to print what it sent: echoing the body,
    // naming the path, or not being there at all.
    const pd = await receiver((q) => ({ status: 400, body: `{"status":"invalid event","echo":${q.body}}` }));
    const slack = await receiver((q) => ({ status: 404, body: `no_service for ${q.path} ${q.path}` }));
    const gone = await receiver();
    const goneUrl = `${gone.url}/hook/${WEBHOOK_SECRET}`;
    await gone.close();
    const routes: RouteUnderTest[] = [
      {
        route: route('pager', 'pagerduty', 'INFO'),
        target: { channel: 'pagerduty', url: `${pd.url}/v2/enqueue`, routingKey: ROUTING_KEY },
      },
      {
        route: route('chat', 'slack', 'INFO'),
        target: { channel: 'slack', url: `${slack.url}/services/${SLACK_TOKEN}` },
      },
      {
        route: route('hook', 'webhook', 'INFO'),
        target: { channel: 'webhook', url: goneUrl, secret: WEBHOOK_SECRET },
      },
    ];
    const h = await deliveryHarness(routes, {
      policy: { initialDelayMs: 1000, maxDelayMs: 10_000, maxAgeMs: 60_000, jitter: 0.2 },
    });
    h.worker.start();
    await h.enqueue([
      alertFor('OPENED', nakedDiscrepancy()),
      healthAlert('STORE_WRITES_FAILING', 'OPENED', T0, T0),
    ]);
    await h.runFor(90_000);

    expect(pd.requests.length).toBeGreaterThan(0);
    expect(slack.requests.length).toBeGreaterThan(0);
    expect(pd.requests[0]?.body).toContain(ROUTING_KEY);
    const deliveries = await h.deliveries();
    expect(deliveries.every((d) => d.state === 'DEAD')).toBe(true);
    const recorded = JSON.stringify({ deliveries, lines: h.lines, attempts: h.attempts });
    for (const secret of [ROUTING_KEY, SLACK_TOKEN, 'xoxSecretToken123', WEBHOOK_SECRET]) {
      expect(recorded).not.toContain(secret);
    }
    expect(new Set(deliveries.map((d) => d.lastError?.split(':')[0]))).toEqual(
      new Set(['HTTP 400', 'HTTP 404', 'connection refused']),
    );
    // What the receiver said is kept, with the secret blanked out.
    expect(deliveries.find((d) => d.routeId === 'pager')?.lastError).toContain('[redacted]');
  });
});
