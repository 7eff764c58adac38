import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useReceivers } from '../support/http-receiver.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { MAIN, SPY_CALL } from '../support/standard-book.js';
import { makeTempDir } from '../support/temp-dir.js';
import { query } from './support/graphql-http.js';

const Acknowledge = graphql(`
  mutation AlertLifecycleAcknowledge($id: ID!) { acknowledgeDiscrepancy(id: $id, note: "looking") { status } }
`);
const Reconcile = graphql(`
  mutation AlertLifecycleReconcile { reconcile { status discrepancies { id type severity status } } }
`);
const Deliveries = graphql(`
  query AlertLifecycleDeliveries($filter: AlertDeliveryFilter) {
    alertDeliveries(filter: $filter) { route state kind severity subject discrepancyId attempts lastError }
  }
`);
const TestAlert = graphql(`
  mutation AlertLifecycleTest($route: String!) { testAlert(route: $route) { id route state subject severity } }
`);

const SECRET = 'whsec-lifecycle-0123456789';
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdef012345';
let service: ServiceFixture | undefined;
const folders: { remove(): void }[] = [];

afterEach(async () => {
  await service?.dispose();
  service = undefined;
  for (const f of folders.splice(0)) f.remove();
});

const receiver = useReceivers();

/** Secrets as an operator gives them: in files, named by flags. */
function secretFiles(): { routingKey: string; slackUrl: (url: string) => string; webhookSecret: string } {
  const folder = makeTempDir('sentinel-alert-secrets-');
  folders.push(folder);
  const write = (name: string, text: string) => {
    const file = join(folder.path, name);
    writeFileSync(file, `${text}\n`);
    return file;
  };
  return {
    routingKey: write('pagerduty-key', ROUTING_KEY),
    slackUrl: (url) => write('slack-url', url),
    webhookSecret: write('webhook-secret', SECRET),
  };
}

async function until(what: string, condition: () => boolean): Promise<void> {
  await expect.poll(condition, { timeout: 15_000, interval: 20, message: what }).toBe(true);
}

describe('one discrepancy through its life reaches every route', () => {
  it('opened, acknowledged, raised to critical, resolved: four PagerDuty events with one dedup_key, and the same four on Slack and the webhook', async () => {
    const [pagerDuty, slack, webhook, heartbeat] = [
      await receiver(),
      await receiver(),
      await receiver(),
      await receiver(),
    ];
    const files = secretFiles();
    service = await startService({
      flags: [
        '--alert-route=pagerduty:min=warning',
        `--alert-pagerduty-url=${pagerDuty.url}/v2/enqueue`,
        `--alert-pagerduty-routing-key-file=${files.routingKey}`,
        '--alert-route=slack',
        `--alert-slack-webhook-url-file=${files.slackUrl(`${slack.url}/services/T0/B0/x`)}`,
        '--alert-route=webhook:name=hook',
        `--alert-webhook-url=${webhook.url}/hook`,
        `--alert-webhook-secret-file=${files.webhookSecret}`,
        `--alert-heartbeat-url=${heartbeat.url}/ping/check-1`,
      ],
    });
    await expect.poll(() => heartbeat.requests.length, { timeout: 15_000 }).toBe(1);
    const reconcile = async () => (await query(service!.graphqlUrl, Reconcile)).reconcile;
    const sim = service.simulator;

    // The broker's position changes with no message (an assignment): the store still says 10.
    sim.silently.change(MAIN, SPY_CALL.conId, 8);
    const opened = await reconcile();
    expect(opened.discrepancies).toMatchObject([{ type: 'POSITION_MISMATCH', severity: 'WARNING' }]);
    const id = opened.discrepancies[0]!.id;
    await until('the opening page', () => pagerDuty.accepted().length === 1);

    await query(service.graphqlUrl, Acknowledge, { id });
    await until('the acknowledgement', () => pagerDuty.accepted().length === 2);
    // The sign flips: the same discrepancy, now critical.
    sim.silently.change(MAIN, SPY_CALL.conId, -2);
    expect((await reconcile()).discrepancies).toMatchObject([{ id, severity: 'CRITICAL' }]);
    await until('the raise', () => pagerDuty.accepted().length === 3);
    sim.silently.change(MAIN, SPY_CALL.conId, 10);
    expect((await reconcile()).discrepancies).toEqual([]);
    await until('every alert on every route', () =>
      [pagerDuty, slack, webhook].every((r) => r.accepted().length === 4),
    );

    const events = pagerDuty.accepted().map((r) => r.json);
    expect(
      events.map((e) => [e.event_action, (e.payload as { severity?: string } | undefined)?.severity]),
    ).toEqual([
      ['trigger', 'warning'],
      ['acknowledge', undefined],
      ['trigger', 'critical'],
      ['resolve', undefined],
    ]);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set([id]));
    expect(new Set(events.map((e) => e.routing_key))).toEqual(new Set([ROUTING_KEY]));
    expect(pagerDuty.requests.every((r) => r.path === '/v2/enqueue')).toBe(true);

    const texts = slack.accepted().map((r) => String(r.json.text));
    expect(texts.map((t) => /\b(opened|acknowledged|raised|resolved)\b/.exec(t)?.[1])).toEqual([
      'opened',
      'acknowledged',
      'raised',
      'resolved',
    ]);
    expect(slack.accepted().every((r) => Array.isArray(r.json.blocks))).toBe(true);

    const hooks = webhook.accepted();
    expect(hooks.map((r) => r.json.type)).toEqual([
      'discrepancy.opened',
      'discrepancy.acknowledged',
      'discrepancy.severity_raised',
      'discrepancy.resolved',
    ]);
    expect(hooks.map((r) => r.request.headers['idempotency-key'])).toEqual(hooks.map((r) => r.json.id));
    expect(
      hooks.every((r) => /^t=\d+,v1=[0-9a-f]{64}$/.test(String(r.request.headers['x-sentinel-signature']))),
    ).toBe(true);

    // The heartbeat was requested after the verified runs: the STARTUP run and the four above (a
    // run that ends while a ping is under way is covered by that ping).
    await expect.poll(() => heartbeat.requests.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    expect(heartbeat.requests.length).toBeLessThanOrEqual(5);
    expect(heartbeat.requests.every((r) => r.method === 'GET' && r.path === '/ping/check-1')).toBe(true);

    // What the API and the metrics say of it: twelve deliveries, all sent at the first attempt.
    // (The receiver answers before the outbox records it: wait for the record.)
    const sent = async () =>
      (await query(service!.graphqlUrl, Deliveries, { filter: { discrepancyId: id } })).alertDeliveries;
    await expect
      .poll(async () => (await sent()).filter((d) => d.state === 'SENT').length, { timeout: 15_000 })
      .toBe(12);
    expect((await sent()).every((d) => d.attempts === 1 && d.lastError === null)).toBe(true);
    expect(await service.metric('sentinel_alert_attempts_total{route="pagerduty",outcome="sent"}')).toBe(4);
    await expect
      .poll(() => service!.metric('sentinel_alert_deliveries{state="SENT"}'), { timeout: 15_000 })
      .toBe(12);
    // No secret in what the service shows.
    const metrics = await (await fetch(`${service.sentinel.url}/metrics`)).text();
    for (const secret of [ROUTING_KEY, SECRET, '/services/T0/B0/x']) expect(metrics).not.toContain(secret);
  });

  it('testAlert sends a marked test alert through the route named, and names the routes when it is not one', async () => {
    const webhook = await receiver();
    const files = secretFiles();
    service = await startService({
      flags: [
        '--alert-route=webhook:name=ops-hook',
        `--alert-webhook-url=${webhook.url}/hook`,
        `--alert-webhook-secret-file=${files.webhookSecret}`,
      ],
    });
    const { testAlert } = await query(service.graphqlUrl, TestAlert, { route: 'ops-hook' });
    expect(testAlert).toMatchObject({ route: 'ops-hook', subject: 'TEST', severity: 'INFO' });
    await until('the test alert', () => webhook.accepted().length === 1);
    expect(webhook.accepted()[0]?.json).toMatchObject({ type: 'test', test: true, discrepancy: null });

    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { testAlert(route: "pager") { id } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'no alert route "pager" (routes: ops-hook)',
      extensions: { code: 'NOT_FOUND' },
    });
  });
});
