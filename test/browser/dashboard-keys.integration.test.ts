import { describe, expect, it } from 'vitest';
import type { ServiceFixture } from '../support/service-fixture.js';
import { openBook } from '../support/standard-book.js';
import type { DashboardPage } from './support/dashboard-page.js';
import { useDashboardSuite } from './support/dashboard-suite.js';

const POLL = { timeout: 30_000, interval: 100 };
const TEST_TIMEOUT = 120_000;
const ADMIN_KEY = 'admin-key-0123456789';
const READ_KEY = 'read-key-0123456789';
const READ_ONLY_REASON = 'Read-only API key: reconciling and changing discrepancies need an admin key';

const suite = useDashboardSuite();

/** A keyed service with one open discrepancy, so there are buttons to allow or refuse. */
async function keyedServiceWithDiscrepancy(): Promise<ServiceFixture> {
  const service = await suite.demo({ apiKeys: [`${ADMIN_KEY}:admin`, `${READ_KEY}:read`] });
  const [drifted] = openBook(service.simulator, 3);
  const ask = async (query: string) => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ query }),
    });
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  };
  // The drift must come after the store has the book, or the store would learn it honestly.
  await expect
    .poll(async () => ((await ask('{ positions { id } }')).positions as unknown[]).length, POLL)
    .toBe(3);
  service.simulator.silently.change(drifted!.account, drifted!.contract.conId, 8);
  await expect
    .poll(
      async () =>
        ((await ask('mutation { reconcile { discrepancyCount } }')).reconcile as { discrepancyCount: number })
          .discrepancyCount,
      POLL,
    )
    .toBe(1);
  return service;
}

const open = (service: ServiceFixture): Promise<DashboardPage> => suite.open(service.url);

async function submitKey(page: DashboardPage, key: string): Promise<void> {
  await page.page.getByLabel('API key').fill(key);
  await page.page.getByRole('button', { name: 'Connect' }).click();
}

describe('the dashboard with API keys', () => {
  it(
    'asks for a key, refuses a wrong one, and shows a read key the buttons disabled with the reason',
    async () => {
      const service = await keyedServiceWithDiscrepancy();
      const page = await open(service);
      const { page: p } = page;

      await expect.poll(() => p.getByRole('heading', { name: 'API key required' }).count(), POLL).toBe(1);
      expect(await p.getByTestId('book').count()).toBe(0);

      await submitKey(page, 'not-a-key-0123456789');
      await expect
        .poll(() => p.getByTestId('key-message').textContent(), POLL)
        .toBe('That key was refused: check it and try again.');
      expect(await p.getByTestId('book').count()).toBe(0);

      await submitKey(page, READ_KEY);
      await expect.poll(() => p.getByTestId('connection').textContent(), POLL).toBe('live');
      await expect.poll(() => p.getByTestId('role').textContent(), POLL).toBe('Signed in as read-only');
      await expect.poll(() => page.discrepancyRows().count(), POLL).toBe(1);
      expect(await p.getByTestId('book-count').textContent()).toBe('3');

      const reconcile = p.getByRole('button', { name: 'Reconcile now' });
      expect(await reconcile.isDisabled()).toBe(true);
      expect(await reconcile.getAttribute('title')).toBe(READ_ONLY_REASON);
      expect(await p.getByTestId('reconcile-disabled-reason').textContent()).toBe(READ_ONLY_REASON);
      expect(await p.getByTestId('actions-disabled-reason').textContent()).toBe(READ_ONLY_REASON);
      for (const name of ['Acknowledge', 'Accept broker']) {
        const button = page.discrepancyRows().getByRole('button', { name });
        expect(await button.isDisabled()).toBe(true);
        expect(await button.getAttribute('title')).toBe(READ_ONLY_REASON);
      }

      // The key is kept for the session: a reload goes straight back to the dashboard.
      await p.reload();
      await expect.poll(() => p.getByTestId('connection').textContent(), POLL).toBe('live');
      expect(await p.getByRole('heading', { name: 'API key required' }).count()).toBe(0);

      // Forgetting it brings the prompt back.
      await p.getByRole('button', { name: 'Forget API key' }).click();
      await expect.poll(() => p.getByRole('heading', { name: 'API key required' }).count(), POLL).toBe(1);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'lets an admin key act',
    async () => {
      const service = await keyedServiceWithDiscrepancy();
      const page = await open(service);
      const { page: p } = page;
      await submitKey(page, ADMIN_KEY);
      await expect.poll(() => p.getByTestId('role').textContent(), POLL).toBe('Signed in as admin');
      await expect.poll(() => page.discrepancyRows().count(), POLL).toBe(1);
      expect(await p.getByRole('button', { name: 'Reconcile now' }).isDisabled()).toBe(false);
      expect(await p.getByTestId('reconcile-disabled-reason').count()).toBe(0);

      await page.discrepancyRows().getByRole('button', { name: 'Acknowledge' }).click();
      await expect.poll(() => page.discrepancyRows().getAttribute('data-status'), POLL).toBe('ACKNOWLEDGED');
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
