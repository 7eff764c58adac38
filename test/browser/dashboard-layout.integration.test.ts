import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ServiceFixture } from '../support/service-fixture.js';
import { openBook, positionId } from '../support/standard-book.js';
import type { DashboardPage } from './support/dashboard-page.js';
import { useDashboardSuite } from './support/dashboard-suite.js';

// Generous: three copies of the whole suite may share two cores with three browsers.
const POLL = { timeout: 30_000, interval: 100 };
const TEST_TIMEOUT = 120_000;
const BOOK_SIZE = 22;
const DRIFTS = 3;
const SUBPIXEL = 0.5;

const suite = useDashboardSuite();

interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** A demo book of 22 positions, three of which drifted silently and were found by a run. */
async function bookWithDrifts(viewport: Viewport): Promise<{ service: ServiceFixture; page: DashboardPage }> {
  const service = await suite.demo();
  const book = openBook(service.simulator, BOOK_SIZE);
  const page = await suite.open(service.url);
  await page.page.setViewportSize(viewport);
  await expect.poll(() => page.book().locator('tbody tr[data-position]').count(), POLL).toBe(BOOK_SIZE);
  for (const drifted of book.slice(0, DRIFTS)) {
    service.simulator.silently.change(drifted.account, drifted.contract.conId, drifted.quantity + 5);
  }
  await page.page.getByRole('button', { name: 'Reconcile now' }).click();
  await expect.poll(() => page.discrepancyRows().count(), POLL).toBe(DRIFTS);
  return { service, page };
}

/**
 * Brings `target` into view as a reader would (scrolling the page) and says whether it is then
 * wholly inside the viewport and the element a click at its centre lands on.
 */
async function reachable(page: Page, target: Locator): Promise<{ inside: boolean; hit: boolean }> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return { inside: false, hit: false };
  // Half a pixel of slack: Chromium counts a row ending at 900.4 of 900 as wholly visible.
  const inside =
    box.x >= -SUBPIXEL &&
    box.y >= -SUBPIXEL &&
    box.x + box.width <= viewport.width + SUBPIXEL &&
    box.y + box.height <= viewport.height + SUBPIXEL;
  const hit = await target.evaluate(
    (element, [x, y]) => {
      const top = document.elementFromPoint(x!, y!);
      return top !== null && (top === element || element.contains(top));
    },
    [box.x + box.width / 2, box.y + box.height / 2] as const,
  );
  return { inside, hit };
}

/** Nothing on the page has been scrolled sideways, and nothing needs to be. */
async function noSidewaysScrolling(
  page: Page,
): Promise<{ pageScrollX: number; overflow: number; scrolled: number }> {
  return page.evaluate(() => ({
    pageScrollX: window.scrollX,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    scrolled: [...document.querySelectorAll('.discrepancies .scroll')].reduce((n, e) => n + e.scrollLeft, 0),
  }));
}

/** A mouse click at the centre of `target`, where a person would click: no scrolling on the way. */
async function clickAtCentre(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('not on the page');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function everyBookRowSeen(page: DashboardPage): Promise<string[]> {
  const unseen: string[] = [];
  const rows = page.book().locator('tbody tr[data-position]');
  for (let i = 0; i < (await rows.count()); i++) {
    const { inside } = await reachable(page.page, rows.nth(i));
    if (!inside) unseen.push((await rows.nth(i).getAttribute('data-position')) ?? `row ${i}`);
  }
  return unseen;
}

/** Reaches every action of every discrepancy, then acknowledges each with a real click. */
async function acknowledgeEveryDiscrepancy(page: DashboardPage): Promise<void> {
  const { page: p } = page;
  const rows = page.discrepancyRows();
  const ids = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-discrepancy')!));
  expect(ids).toHaveLength(DRIFTS);
  for (const id of ids) {
    const row = p.locator(`tr[data-discrepancy="${id}"]`);
    for (const control of [
      row.getByRole('textbox', { name: 'Note' }),
      row.getByRole('button', { name: 'Acknowledge' }),
      row.getByRole('button', { name: 'Accept broker' }),
      row.getByTestId('discrepancy-status'),
    ]) {
      expect(await reachable(p, control)).toEqual({ inside: true, hit: true });
    }
    const note = row.getByRole('textbox', { name: 'Note' });
    await clickAtCentre(p, note);
    await p.keyboard.type(`seen ${id}`);
    await clickAtCentre(p, row.getByRole('button', { name: 'Acknowledge' }));
    await expect.poll(() => row.getAttribute('data-status'), POLL).toBe('ACKNOWLEDGED');
    expect(await row.getByTestId('discrepancy-note').textContent()).toBe(`“seen ${id}”`);
  }
  expect(await noSidewaysScrolling(p)).toEqual({ pageScrollX: 0, overflow: 0, scrolled: 0 });
}

describe('the dashboard’s layout in Chromium', () => {
  it(
    'at 1440×900 the page scrolls, not the book: no box hides rows, and every row is seen by scrolling the page',
    async () => {
      const { page } = await bookWithDrifts({ width: 1440, height: 900 });
      const { page: p } = page;
      expect(await everyBookRowSeen(page)).toEqual([]);
      // No box of its own that hides rows: the book is as tall as its rows.
      const book = await p.locator('.book .scroll').evaluate((e) => ({
        clientHeight: e.clientHeight,
        scrollHeight: e.scrollHeight,
      }));
      expect(book.scrollHeight).toBeLessThanOrEqual(book.clientHeight);
      // The rows below the fold were reached by scrolling the page itself.
      expect(await p.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'at 800 px every action button is on screen and works, with no sideways scrolling, and every book row is seen',
    async () => {
      const { page } = await bookWithDrifts({ width: 800, height: 900 });
      expect(await noSidewaysScrolling(page.page)).toEqual({ pageScrollX: 0, overflow: 0, scrolled: 0 });
      await acknowledgeEveryDiscrepancy(page);
      expect(await everyBookRowSeen(page)).toEqual([]);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'at phone width (390 px) each discrepancy is a stacked row whose actions, the confirmation too, are reachable',
    async () => {
      const { page } = await bookWithDrifts({ width: 390, height: 844 });
      const { page: p } = page;
      await acknowledgeEveryDiscrepancy(page);

      // Accepting the broker's view: the confirmation shows in place and its button is reachable.
      const row = page.discrepancyRows().first();
      const id = await row.getAttribute('data-discrepancy');
      await clickAtCentre(p, row.getByRole('button', { name: 'Accept broker' }));
      const confirm = row.getByRole('button', { name: 'Confirm' });
      expect(await reachable(p, confirm)).toEqual({ inside: true, hit: true });
      expect(await reachable(p, row.getByRole('button', { name: 'Cancel' }))).toEqual({
        inside: true,
        hit: true,
      });
      await clickAtCentre(p, confirm);
      await expect.poll(() => p.locator(`tr[data-discrepancy="${id}"]`).count(), POLL).toBe(0);
      expect(await noSidewaysScrolling(p)).toEqual({ pageScrollX: 0, overflow: 0, scrolled: 0 });
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the run chart writes its duration axis inside the chart, and one discrepancy is a short bar',
    async () => {
      const service = await suite.demo();
      const [drifted] = openBook(service.simulator, 4);
      const page = await suite.open(service.url);
      const { page: p } = page;
      await expect.poll(() => page.book().locator('tbody tr[data-position]').count(), POLL).toBe(4);
      // A run of some hundreds of milliseconds: the duration axis says "500 ms", wider than "20 ms".
      service.simulator.delayPositionEnd(300);
      service.simulator.silently.change(drifted!.account, drifted!.contract.conId, 11);
      await p.getByRole('button', { name: 'Reconcile now' }).click();
      await expect.poll(() => page.discrepancyRows().count(), POLL).toBe(1);

      const chart = p.getByTestId('run-chart').locator('svg');
      const axis = chart.locator('[data-axis="duration"]');
      await expect.poll(() => axis.textContent(), POLL).toMatch(/^[1-9]\d\d ms$/);
      const svgBox = (await chart.boundingBox())!;
      for (const label of [axis, chart.locator('[data-axis="count"]')]) {
        const box = (await label.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(svgBox.x);
        expect(box.x + box.width).toBeLessThanOrEqual(svgBox.x + svgBox.width);
      }
      // The count axis goes to a few, so the one discrepancy is a fifth of the band, not all of it.
      expect(await chart.locator('[data-axis="count"]').textContent()).toBe('5');
      const bar = await chart.locator('rect.bar.warning, rect.bar.critical').evaluateAll((bars) =>
        bars.map((b) => {
          const baseline = (b as SVGRectElement).ownerSVGElement!.querySelector('line.baseline')!;
          return { height: Number(b.getAttribute('height')), floor: Number(baseline.getAttribute('y1')) };
        }),
      );
      expect(bar).toHaveLength(1);
      expect(bar[0]!.height / bar[0]!.floor).toBeLessThan(0.3);
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'the book says what its prices are per, and the filter shows its whole placeholder',
    async () => {
      const service = await suite.demo();
      const [first] = openBook(service.simulator, 2);
      const page = await suite.open(service.url);
      const { page: p } = page;
      const row = page.bookRow(positionId(first!));
      await expect.poll(() => row.count(), POLL).toBe(1);

      const headers = await page.book().locator('thead th').allTextContents();
      expect(headers).toContain('Avg cost per contract');
      expect(headers).toContain('Price per share');
      // The option's cost per contract (price 1 × multiplier 100), and per share on hover.
      const cost = row.locator('td').nth(3);
      expect(await cost.textContent()).toBe('100.00');
      expect(await cost.getAttribute('title')).toBe('1.00 per share × 100');

      for (const width of [1440, 800, 390]) {
        await p.setViewportSize({ width, height: 900 });
        const fit = await p.getByRole('searchbox', { name: 'Filter the book' }).evaluate((input) => {
          const field = input as HTMLInputElement;
          const style = getComputedStyle(field);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = style.font;
          const room =
            field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
          return { text: context.measureText(field.placeholder).width, room };
        });
        expect(fit.text, `at ${width} px`).toBeLessThanOrEqual(fit.room);
      }
      expect(page.problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
