import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/support/chromium.js';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { MAIN, OTHER, QQQ_CALL, SPY_PUT } from '../support/standard-book.js';
import { query } from './support/graphql-http.js';
import { subscribeSse } from './support/sse-client.js';

const Follow = graphql(`
  subscription ApiSseFollow {
    positionUpdated { cursor position { quantity } }
  }
`);

const Reconcile = graphql(`
  mutation ApiSseReconcile {
    reconcile { discrepancyCount }
  }
`);

/** The README's SSE example: `curl -N -H '<accept>' '<url>'`, with the URL of its default port. */
const README_SSE = (() => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const match = /curl -N -H '([^']+)' \\\n\s*'(http:\/\/127\.0\.0\.1:4000[^']+)'/.exec(readme);
  if (!match) throw new Error('the README has no `curl -N` SSE example');
  return { header: match[1] as string, url: new URL(match[2] as string) };
})();

/** The README's URL on the service under test. */
function readmeUrl(service: ServiceFixture): string {
  const url = new URL(README_SSE.url);
  url.host = new URL(service.sentinel.url).host;
  return url.toString();
}

/** What the README's subscription reports: a naked position found by a run. */
async function openDiscrepancy(service: ServiceFixture): Promise<void> {
  service.simulator.silently.close(MAIN, SPY_PUT.conId);
  expect((await query(service.graphqlUrl, Reconcile)).reconcile.discrepancyCount).toBe(1);
}

let service: ServiceFixture | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await service?.dispose();
  service = undefined;
});

describe('the README example', () => {
  it('`curl -N` streams `event: next` for each change; stopping curl ends the subscription at once', async () => {
    service = await startService();
    const curl: ChildProcess = spawn('curl', ['-N', '-s', '-H', README_SSE.header, readmeUrl(service)]);
    cleanups.push(() => void curl.kill('SIGKILL'));
    let output = '';
    curl.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    await service.untilSubscriptions(1);
    await openDiscrepancy(service);
    await expect.poll(() => output, { timeout: 15_000 }).toContain('event: next');
    const event = /event: next\ndata: (.*)\n\n/.exec(output)?.[1] ?? '{}';
    expect(JSON.parse(event)).toEqual({
      data: {
        discrepancyChanged: {
          kind: 'OPENED',
          discrepancy: { severity: 'CRITICAL', type: 'NAKED_POSITION', message: expect.any(String) },
        },
      },
    });
    curl.kill('SIGTERM');
    await service.untilSubscriptions(0);
    expect(await service.metric('sentinel_subscription_cohorts')).toBe(0);
    expect(await service.metric('sentinel_sse_streams')).toBe(0);
  });
});

describe("a browser's EventSource", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('receives the README subscription as `next` events; closing it ends the subscription', async () => {
    service = await startService();
    const context = await browser.newContext();
    cleanups.push(() => context.close());
    const page = await context.newPage();
    // A page of the service's own origin, as the dashboard or GraphiQL would be.
    await page.goto(`${service.sentinel.url}/healthz`);
    await page.evaluate((url) => {
      const events: unknown[] = [];
      const source = new EventSource(url);
      source.addEventListener('next', (e) => events.push(JSON.parse((e as MessageEvent<string>).data)));
      Object.assign(window, { events, source });
    }, readmeUrl(service));
    await service.untilSubscriptions(1);
    await openDiscrepancy(service);
    const received = () => page.evaluate(() => (window as unknown as { events: unknown[] }).events);
    await expect.poll(async () => (await received()).length, { timeout: 15_000 }).toBe(1);
    expect(await received()).toEqual([
      {
        data: {
          discrepancyChanged: {
            kind: 'OPENED',
            discrepancy: { severity: 'CRITICAL', type: 'NAKED_POSITION', message: expect.any(String) },
          },
        },
      },
    ]);
    await page.evaluate(() => (window as unknown as { source: EventSource }).source.close());
    await service.untilSubscriptions(0);
  }, 60_000);
});

describe('SSE streams', () => {
  it('an idle stream gets keep-alive comments and stays live', async () => {
    service = await startService({ sseKeepAliveMs: 20 });
    const live = subscribeSse(service.graphqlUrl, Follow);
    cleanups.push(() => live.close());
    await service.untilSubscriptions(1);
    // The first comment opens the stream; the ones after it are keep-alives.
    await expect.poll(() => live.comments, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    service.simulator.change(OTHER, QQQ_CALL.conId, 14);
    const [event] = await live.untilEvents(1);
    expect(event?.positionUpdated.position.quantity).toBe(14);
    expect(live.ending).toBeUndefined();
  });

  it('single-connection mode (a PUT reserving a stream) is not served: GET and POST are the distinct-connections mode', async () => {
    service = await startService();
    const reservation = await fetch(service.graphqlUrl, { method: 'PUT' });
    expect(reservation.status).toBe(405);
    expect(reservation.headers.get('allow')).toBe('GET, POST');
  });
});
