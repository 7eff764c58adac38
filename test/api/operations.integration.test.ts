import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { MAIN, OTHER, QQQ_CALL, SPY_PUT } from '../support/standard-book.js';
import { post, query } from './support/graphql-http.js';
import { Subscriber } from './support/transports.js';

const BrokerBook = graphql(`
  query ApiOpsBrokerBook {
    brokerPositions { account quantity }
  }
`);

const Reconcile = graphql(`
  mutation ApiOpsReconcile {
    reconcile { status summary discrepancyCount discrepancies { id } }
  }
`);

const Follow = graphql(`
  subscription ApiOpsFollow {
    positionUpdated { cursor }
  }
`);

let service: ServiceFixture | undefined;
let subscriber: Subscriber | undefined;

afterEach(async () => {
  await subscriber?.dispose();
  subscriber = undefined;
  await service?.dispose();
  service = undefined;
});

async function readyz(harness: ServiceFixture): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.sentinel.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe('/healthz and /readyz', () => {
  it('not ready (503, saying why) while the broker is not READY; ready (200) once it is', async () => {
    service = await startService({ brokerDown: true });
    const down = await readyz(service);
    expect(down.status).toBe(503);
    expect(down.body).toEqual({
      status: 'not ready',
      checks: {
        broker: expect.stringMatching(/^broker is (DISCONNECTED|CONNECTING|CONNECTED)$/),
        store: true,
        verification: expect.stringMatching(/^UNVERIFIED: broker (DISCONNECTED|CONNECTING|CONNECTED)$/),
      },
    });
    const health = await fetch(`${service.sentinel.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);

    // Meanwhile the API says so instead of guessing.
    const book = await post(service.graphqlUrl, BrokerBook);
    expect(book.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^the broker is (DISCONNECTED|CONNECTING|CONNECTED): its book is not live/,
      ),
      extensions: { code: 'BROKER_UNAVAILABLE' },
    });
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    expect(reconcile).toMatchObject({ status: 'BROKER_UNAVAILABLE', discrepancyCount: 0, discrepancies: [] });
    expect(reconcile.summary).toMatch(/^Broker: unavailable/);

    await service.acceptBroker();
    await expect
      .poll(async () => (await readyz(service as ServiceFixture)).status, { timeout: 15_000, interval: 20 })
      .toBe(200);
    // Ready only once the STARTUP run has compared the store with the broker.
    expect((await readyz(service)).body).toEqual({
      status: 'ready',
      checks: { broker: true, store: true, verification: true },
    });
    await service.untilStartupRun();
    expect((await query(service.graphqlUrl, BrokerBook)).brokerPositions).toHaveLength(3);
  });

  it('goes back to 503 when the broker connection drops, and to 200 when it returns', async () => {
    service = await startService();
    expect((await readyz(service)).status).toBe(200);
    await service.refuseBroker();
    await expect
      .poll(async () => (await readyz(service as ServiceFixture)).status, { timeout: 15_000, interval: 20 })
      .toBe(503);
    await service.acceptBroker();
    await expect
      .poll(async () => (await readyz(service as ServiceFixture)).status, { timeout: 15_000, interval: 20 })
      .toBe(200);
  });
});

/** Every series of one family, by its label text (`''` for a family without labels). */
async function scrape(harness: ServiceFixture): Promise<{ text: string; value: (series: string) => number }> {
  const response = await fetch(`${harness.sentinel.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return {
    text,
    value: (series) => {
      const v = values.get(series);
      if (v === undefined) throw new Error(`no series ${series} in /metrics`);
      return v;
    },
  };
}

describe('/metrics', () => {
  it("exposes the product's series, Node's process metrics and duration histograms, following what the service does", async () => {
    service = await startService();
    const first = await scrape(service);
    for (const [family, type] of [
      ['sentinel_broker_state', 'gauge'],
      ['sentinel_updates_received_total', 'counter'],
      ['sentinel_updates_written_total', 'counter'],
      ['sentinel_write_buffer_updates', 'gauge'],
      ['sentinel_flush_duration_seconds', 'histogram'],
      ['sentinel_flush_failures_total', 'counter'],
      ['sentinel_reconciliation_runs_total', 'counter'],
      ['sentinel_reconciliation_duration_seconds', 'histogram'],
      ['sentinel_open_discrepancies', 'gauge'],
      ['sentinel_websocket_connections', 'gauge'],
      ['sentinel_active_subscriptions', 'gauge'],
      ['sentinel_events_delivered_total', 'counter'],
      ['process_cpu_seconds_total', 'counter'],
      ['process_open_fds', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
      ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
      ['nodejs_gc_duration_seconds', 'histogram'],
    ] as const) {
      expect(first.text, family).toMatch(new RegExp(`^# TYPE ${family} ${type}$`, 'm'));
    }
    // Prometheus' convention: a counter's name ends in _total, and nothing else's does.
    for (const [, family, type] of first.text.matchAll(/^# TYPE (\w+) (\w+)$/gm)) {
      expect(family?.endsWith('_total'), `${family} is a ${type}`).toBe(type === 'counter');
    }
    expect(first.value('sentinel_broker_state{state="READY"}')).toBe(1);
    expect(first.value('sentinel_broker_state{state="DISCONNECTED"}')).toBe(0);
    expect(first.value('sentinel_reconciliation_runs_total{trigger="STARTUP",status="CLEAN"}')).toBe(1);
    expect(first.value('sentinel_reconciliation_duration_seconds_count{trigger="STARTUP"}')).toBe(1);
    expect(first.value('sentinel_open_discrepancies{type="NAKED_POSITION",severity="CRITICAL"}')).toBe(0);
    expect(first.value('sentinel_websocket_connections')).toBe(0);
    expect(first.value('sentinel_active_subscriptions')).toBe(0);

    subscriber = new Subscriber('websocket', service.graphqlUrl);
    const live = subscriber.subscribe(Follow);
    await service.untilSubscriptions(1);
    service.simulator.change(OTHER, QQQ_CALL.conId, 8);
    await live.untilEvents(1);
    service.simulator.silently.close(MAIN, SPY_PUT.conId);
    await query(service.graphqlUrl, Reconcile);
    await expect
      .poll(async () => (await scrape(service as ServiceFixture)).value('sentinel_write_buffer_updates'), {
        timeout: 15_000,
      })
      .toBe(0);

    const after = await scrape(service);
    expect(after.value('sentinel_updates_received_total')).toBe(
      first.value('sentinel_updates_received_total') + 1,
    );
    expect(after.value('sentinel_updates_written_total')).toBeGreaterThan(
      first.value('sentinel_updates_written_total'),
    );
    expect(after.value('sentinel_flush_duration_seconds_count')).toBeGreaterThan(
      first.value('sentinel_flush_duration_seconds_count'),
    );
    expect(after.value('sentinel_flush_duration_seconds_bucket{le="+Inf"}')).toBe(
      after.value('sentinel_flush_duration_seconds_count'),
    );
    expect(after.value('sentinel_flush_failures_total')).toBe(0);
    expect(after.value('sentinel_reconciliation_runs_total{trigger="MANUAL",status="DISCREPANCIES"}')).toBe(
      1,
    );
    expect(after.value('sentinel_reconciliation_duration_seconds_count{trigger="MANUAL"}')).toBe(1);
    expect(after.value('sentinel_reconciliation_duration_seconds_sum{trigger="MANUAL"}')).toBeGreaterThan(0);
    expect(after.value('sentinel_open_discrepancies{type="NAKED_POSITION",severity="CRITICAL"}')).toBe(1);
    expect(after.value('sentinel_websocket_connections')).toBe(1);
    expect(after.value('sentinel_active_subscriptions')).toBe(1);
    expect(after.value('sentinel_events_delivered_total')).toBeGreaterThanOrEqual(1);
  });
});

describe('GraphiQL', () => {
  it('a browser asking for /graphql gets GraphiQL with the example operations, served without a CDN', async () => {
    service = await startService({ apiKeys: ['admin-key-0000001:admin'] });
    const response = await fetch(service.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>position-sentinel</title>');
    for (const operation of [
      'query Positions',
      'query OpenDiscrepancies',
      'mutation Reconcile',
      'subscription Discrepancies',
      'subscription BookChanges',
      'query Status',
    ]) {
      expect(html).toContain(operation);
    }
    // With keys configured, the page shows where the key goes (the page itself needs none).
    expect(html).toContain('Bearer <your API key>');
    expect(html).not.toMatch(/<script[^>]+src="https?:\/\//);
  });
});
