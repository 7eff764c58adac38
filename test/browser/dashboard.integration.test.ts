import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { startSentinel } from '../../src/app/start-sentinel.js';
import { testAlert } from '../../src/domain/alerts/alert.js';
import { openStore } from '../../src/infra/duckdb/open-store.js';
import { silentLogger } from '../../src/infra/logger.js';
import { closedPort } from '../support/closed-port.js';
import type { ServiceFixture } from '../support/service-fixture.js';
import { type BookPosition, openBook, positionId } from '../support/standard-book.js';
import { makeTempDir } from '../support/temp-dir.js';
import { type DashboardPage, subscribesOf } from './support/dashboard-page.js';
import { useDashboardSuite } from './support/dashboard-suite.js';

// Generous: three copies of the whole suite may share two cores with three browsers.
const POLL = { timeout: 30_000, interval: 100 };
const TEST_TIMEOUT = 120_000;

const suite = useDashboardSuite();

const open = (service: ServiceFixture): Promise<DashboardPage> => suite.open(service.url);

const text = (locator: { textContent(): Promise<string | null> }) => async () =>
  (await locator.textContent())?.replace(/\s+/g, ' ').trim();

describe('the dashboard in Chromium', () => {
  it(
    'shows the book live, and a drift found by "Reconcile now" appears, is acknowledged and resolved without a reload',
    async () => {
      let book: BookPosition[] = [];
      const service = await suite.demo({
        book: (sim) => {
          book = openBook(sim, 6);
        },
      });
      const page = await open(service);
      const { page: p } = page;

      await expect.poll(text(p.getByTestId('mode')), POLL).toBe('DEMO');
      await expect.poll(text(p.getByTestId('connection')), POLL).toBe('live');
      await expect.poll(text(p.getByTestId('verification')), POLL).toMatch(/^Verified at \d\d:\d\d:\d\d$/);
      await expect.poll(() => p.getByTestId('broker-state').getAttribute('data-state'), POLL).toBe('READY');
      await expect.poll(() => page.book().locator('tbody tr[data-position]').count(), POLL).toBe(6);
      const first = book[0]!;
      const row = page.bookRow(positionId(first));
      // SPY, the 2026-12-18 expiry, strike 100, a call; quantity -1; price 1 × multiplier 100.
      expect(await row.locator('td').allTextContents()).toEqual([
        first.account,
        'SPY 2026-12-18 100 C',
        '-1',
        '100.00',
        expect.any(String),
        expect.any(String),
        expect.any(String),
        expect.stringMatching(/^\d\d:\d\d:\d\d$/),
      ]);
      // The startup run is on the page: no run is in progress that "Reconcile now" would join.
      await expect.poll(text(p.getByTestId('latest-run')), POLL).toMatch(/^Clean Broker: 6, Store: 6/);

      // A trade reaches the page live.
      service.simulator.change(first.account, first.contract.conId, -4);
      await expect.poll(text(row.getByTestId('quantity')), POLL).toBe('-4');

      // A silent drift: the broker changes and nobody is told, until a run compares.
      const drifted = book[1]!;
      service.simulator.silently.change(drifted.account, drifted.contract.conId, 9);
      await p.getByRole('button', { name: 'Reconcile now' }).click();
      const discrepancy = page.discrepancyRows();
      await expect.poll(() => discrepancy.count(), POLL).toBe(1);
      expect(await discrepancy.getAttribute('data-status')).toBe('OPEN');
      expect(await discrepancy.locator('td').nth(2).textContent()).toBe(drifted.account);
      expect(await discrepancy.locator('td').nth(3).textContent()).toBe('QQQ 2026-12-18 100 P');
      expect(await discrepancy.locator('td').nth(4).textContent()).toBe('9');
      expect(await discrepancy.locator('td').nth(5).textContent()).toBe(String(drifted.quantity));
      expect(await discrepancy.locator('.severity-badge').textContent()).toMatch(/^(CRITICAL|WARNING|INFO)$/);
      await expect.poll(text(p.getByTestId('latest-run')), POLL).toMatch(/^Discrepancies .*Manual run/);
      expect(await p.getByTestId('discrepancy-count').textContent()).toBe('1');

      await discrepancy.getByRole('textbox', { name: 'Note' }).fill('checked with the desk');
      await discrepancy.getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => discrepancy.getAttribute('data-status'), POLL).toBe('ACKNOWLEDGED');
      await expect
        .poll(text(discrepancy.getByTestId('discrepancy-note')), POLL)
        .toBe('“checked with the desk”');

      // Accepting the broker's view asks once more, then the store takes the broker's 9.
      await discrepancy.getByRole('button', { name: 'Accept broker' }).click();
      await discrepancy.getByRole('button', { name: 'Confirm' }).click();
      await expect.poll(() => discrepancy.count(), POLL).toBe(0);
      await expect.poll(text(page.bookRow(positionId(drifted)).getByTestId('quantity')), POLL).toBe('9');
      expect(await p.getByTestId('discrepancies').textContent()).toContain(
        'Nothing open: the store agrees with the broker.',
      );

      expect(page.navigations()).toBe(1);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'says it is offline when the service stops, and recovers by itself, resuming its streams',
    async () => {
      const service = await suite.demo();
      const [traded] = openBook(service.simulator, 4);
      const page = await open(service);
      const { page: p } = page;
      const quantity = page.bookRow(positionId(traded!)).getByTestId('quantity');
      await expect.poll(() => page.book().locator('tbody tr[data-position]').count(), POLL).toBe(4);
      // One live change, so the page holds a cursor to resume from.
      service.simulator.change(traded!.account, traded!.contract.conId, 3);
      await expect.poll(text(quantity), POLL).toBe('3');
      expect(subscribesOf(page, 'DashboardPositions').map((s) => s.variables?.after)).toEqual([null]);

      await service.stopService();
      await expect.poll(text(p.getByTestId('connection')), POLL).toBe('offline');
      await expect.poll(text(p.getByTestId('offline-banner')), POLL).toMatch(/^Offline — /);
      expect(await p.title()).toBe('[offline] position-sentinel');
      // What the broker was doing is no longer known, and the page says so.
      expect(await text(p.getByTestId('broker-state'))()).toMatch(/^Broker, last known connected/);
      expect(await p.getByRole('button', { name: 'Reconcile now' }).isDisabled()).toBe(true);
      // The figures stay on screen while the service is away.
      expect(await text(quantity)()).toBe('3');
      // At least one attempt to reconnect fails before the service is back.
      await expect.poll(text(p.getByTestId('offline-banner')), POLL).toMatch(/\(attempt ([2-9]|\d\d+)\)/);

      // The broker moves on while the service is down; the new service learns it when it starts.
      service.simulator.change(traded!.account, traded!.contract.conId, 42);
      await service.startService();
      await expect.poll(text(p.getByTestId('connection')), POLL).toBe('live');
      await expect.poll(() => p.getByTestId('offline-banner').count(), POLL).toBe(0);
      await expect.poll(text(quantity), POLL).toBe('42');
      // The new service's starting list differed from its store: the run says so.
      await expect
        .poll(text(p.getByTestId('caught-up')), POLL)
        .toBe('caught up: 1 position changed while the service was stopped');
      // The page came back on its own, resuming positions and discrepancies from their cursors.
      const resumed = subscribesOf(page, 'DashboardPositions').at(-1);
      expect(resumed?.variables?.after).toEqual(expect.any(String));
      expect(subscribesOf(page, 'DashboardDiscrepancies').length).toBeGreaterThanOrEqual(2);
      expect(await p.getByRole('button', { name: 'Reconcile now' }).isDisabled()).toBe(false);

      // And it is live again.
      service.simulator.change(traded!.account, traded!.contract.conId, 7);
      await expect.poll(text(quantity), POLL).toBe('7');
      expect(page.navigations()).toBe(1);
      expect(page.problems.filter((problem) => !isRefusedConnection(problem))).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'No broker ever connected: "Not verified" everywhere it would say "agrees", /readyz 503, the API says why',
    async () => {
      const url = await serviceWithoutBroker();
      const page = await suite.open(url);
      const { page: p } = page;
      await expect.poll(text(p.getByTestId('connection')), POLL).toBe('live');
      await expect
        .poll(text(p.getByTestId('verification')), POLL)
        .toMatch(/^Not verified: broker (disconnected|connecting)$/);
      await expect
        .poll(text(p.getByTestId('discrepancies')), POLL)
        .toMatch(/Nothing open\. Not verified: broker/);
      await expect
        .poll(() => p.title(), POLL)
        .toMatch(/^Not verified: broker (disconnected|connecting) · position-sentinel$/);
      expect(await p.locator('body').textContent()).not.toMatch(/agree/i);
      // Colour means state: no red mode badge beside a green "live".
      const mode = p.getByTestId('mode');
      expect(await text(mode)()).toBe('LIVE');
      expect(await mode.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgba(0, 0, 0, 0)');

      const readyz = await fetch(`${url}/readyz`);
      expect(readyz.status).toBe(503);
      const answer = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ status { verification { state reason verifiedAt } } }' }),
      });
      expect(((await answer.json()) as { data: unknown }).data).toEqual({
        status: {
          verification: {
            state: 'UNVERIFIED',
            reason: expect.stringMatching(/^broker (DISCONNECTED|CONNECTING)$/),
            verifiedAt: null,
          },
        },
      });
      expect(await p.locator('body').textContent()).not.toMatch(/agree/i);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'stays usable with 500 positions: every row shows and a live update still lands',
    async () => {
      const service = await suite.demo();
      const book = openBook(service.simulator, 500);
      const page = await open(service);
      const { page: p } = page;
      await expect.poll(text(p.getByTestId('book-count')), POLL).toBe('500');
      await expect.poll(() => page.book().locator('tbody tr[data-position]').count(), POLL).toBe(500);

      const last = book[499]!;
      const row = page.bookRow(positionId(last));
      const changedAt = Date.now();
      service.simulator.change(last.account, last.contract.conId, 77);
      await expect.poll(text(row.getByTestId('quantity')), POLL).toBe('77');
      const latencyMs = Date.now() - changedAt;
      // The filter narrows 500 rows to what a trader types.
      const expiry = last.contract.expiry!;
      const typed = `${last.contract.symbol.toLowerCase()} ${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6)}`;
      await p.getByRole('searchbox', { name: 'Filter the book' }).fill(typed);
      const matching = book.filter(
        (b) => b.contract.symbol === last.contract.symbol && b.contract.expiry === expiry,
      );
      expect(matching.length).toBeGreaterThan(1);
      await expect
        .poll(() => page.book().locator('tbody tr[data-position]').count(), POLL)
        .toBe(matching.length);
      expect(page.problems).toEqual([]);
      console.info(`500-position book: a live update reached the page in ${latencyMs} ms`);
    },
    TEST_TIMEOUT,
  );

  it(
    'says how many alerts nobody received, from the store the service opened',
    async () => {
      const url = await serviceWithoutBroker(seedDeadAlert);
      const page = await suite.open(url);
      const { page: p } = page;
      await expect.poll(text(p.getByTestId('alerts-undelivered')), POLL).toBe('Alerts 1 undelivered');
      expect(await p.getByTestId('alerts-undelivered').getAttribute('title')).toContain('alertDeliveries');
      // Red, as everything wrong is on this page.
      const color = await p.getByTestId('alerts-undelivered').evaluate((e) => getComputedStyle(e).color);
      const store = await p.evaluate(() => {
        const probe = document.createElement('span');
        probe.className = 'store failing';
        document.body.append(probe);
        const c = getComputedStyle(probe).color;
        probe.remove();
        return c;
      });
      expect(color).toBe(store);
    },
    TEST_TIMEOUT,
  );
});

/** A store holding one alert given up on its route, as a receiver down for a day leaves it. */
async function seedDeadAlert(db: string): Promise<void> {
  const store = await openStore({ path: db });
  const alert = testAlert('receiver-down', new Date());
  await store.alerts.transaction((tx) =>
    store.alerts.enqueue([{ routeId: 'webhook', alert }], new Date(), tx),
  );
  const [claimed] = await store.alerts.claimDue('webhook', new Date(), 1, 60_000);
  await store.alerts.markDead(claimed!.id, new Date(), 'HTTP 503: unavailable');
  await store.close();
}

/** The service with its dashboard, pointed at a port where no TWS listens, on a store `prepare` may seed. */
async function serviceWithoutBroker(prepare?: (db: string) => Promise<void>): Promise<string> {
  const dir = makeTempDir('sentinel-no-broker-');
  const db = `${dir.path}/positions.duckdb`;
  await prepare?.(db);
  const { config } = loadConfig(
    ['--port=0', `--db=${db}`, `--ib-port=${await closedPort()}`, '--log-level=error'],
    {},
  );
  const sentinel = await startSentinel({ config, logger: silentLogger, webRoot: suite.built.root });
  suite.cleanup(async () => {
    await sentinel.close();
    dir.remove();
  });
  return sentinel.url;
}

/**
 * Chromium reports each refused WebSocket attempt on the console by itself; while the service is
 * down those are expected and are not the page's errors.
 */
function isRefusedConnection(problem: string): boolean {
  return /^console: WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/graphql' failed/.test(problem);
}
