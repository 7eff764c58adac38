import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/support/chromium.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';

let service: ServiceFixture;
let browser: Browser;

beforeAll(async () => {
  service = await startService();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.dispose();
});

describe('GraphiQL in a browser', () => {
  it('opens dark, on a light system too, with a tab of its own name for each example', async () => {
    const context = await browser.newContext({ colorScheme: 'light' });
    try {
      const page = await context.newPage();
      await page.goto(service.graphqlUrl);
      const tabs = page.locator('.graphiql-tab');
      await expect.poll(() => tabs.count(), { timeout: 60_000 }).toBe(6);
      const names = (await tabs.allInnerTexts()).map((name) => name.trim());
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('Positions');
      expect(names).toContain('BookChanges');
      expect(await page.evaluate(() => document.body.classList.contains('graphiql-dark'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 120_000);
});
