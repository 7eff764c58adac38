import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { openBook } from '../support/standard-book.js';

interface Published {
  readonly running: boolean;
  readonly nextRunAt: string | null;
  readonly lastRun: { readonly id: string; readonly startedAt: string } | null;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the status stream after a run', () => {
  it('says the run is over and when the next one is due, as soon as it names the run', async () => {
    const service: ServiceFixture = await startService({ demo: true });
    cleanups.push(() => service.dispose());
    openBook(service.simulator, 2);
    const client = createClient({
      url: `${service.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
    });
    cleanups.push(() => client.dispose());
    const published: Published[] = [];
    cleanups.push(
      client.subscribe<{ statusChanged: { reconciliation: Published } }>(
        { query: STATUS_SUBSCRIPTION },
        {
          next: (r) => r.data && published.push(r.data.statusChanged.reconciliation),
          error: () => {},
          complete: () => {},
        },
      ),
    );
    // The run must come after the subscription listens, or its status could be missed.
    await expect.poll(() => subscriberCount(service), { timeout: 20_000 }).toBeGreaterThan(0);

    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { reconcile { id startedAt } }' }),
    });
    const run = ((await response.json()) as { data: { reconcile: { id: string; startedAt: string } } }).data
      .reconcile;

    await expect
      .poll(() => published.find((s) => s.lastRun?.id === run.id), { timeout: 20_000 })
      .toBeDefined();
    const first = published.find((s) => s.lastRun?.id === run.id)!;
    expect(first.running).toBe(false);
    expect(Date.parse(first.nextRunAt ?? '')).toBeGreaterThan(Date.parse(run.startedAt));
  });
});

const STATUS_SUBSCRIPTION =
  'subscription { statusChanged { reconciliation { running nextRunAt lastRun { id startedAt } } } }';

/** The service's own count of open subscriptions, from its metrics. */
async function subscriberCount(service: ServiceFixture): Promise<number> {
  const metrics = await (await fetch(`${service.url}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith('sentinel_active_subscriptions '));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
