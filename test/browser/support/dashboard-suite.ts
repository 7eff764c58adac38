import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ServiceFixture, type ServiceOptions, startService } from '../../support/service-fixture.js';
import { type BuiltDashboard, buildDashboard } from './build-dashboard.js';
import { launchChromium } from './chromium.js';
import { type DashboardPage, openDashboard } from './dashboard-page.js';

export interface DashboardSuite {
  /** The dashboard built once for the file. */
  readonly built: BuiltDashboard;
  /** One Chromium for the file; each page gets a context of its own. */
  readonly browser: Browser;
  /** Runs after the current test, the last registered first. */
  cleanup(fn: () => Promise<void> | void): void;
  /** A demo service serving the built dashboard, closed after the test. */
  demo(options?: Omit<ServiceOptions, 'demo' | 'webRoot'>): Promise<ServiceFixture>;
  /** The dashboard of a running service, closed after the test. */
  open(url: string): Promise<DashboardPage>;
}

/** Registers the hooks a browser test file needs: a build and a browser per file, cleanups per test. */
export function useDashboardSuite(): DashboardSuite {
  let built: BuiltDashboard | undefined;
  let browser: Browser | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    built = await buildDashboard();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    built?.remove();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const suite: DashboardSuite = {
    get built() {
      if (!built) throw new Error('the dashboard is built in beforeAll');
      return built;
    },
    get browser() {
      if (!browser) throw new Error('the browser is launched in beforeAll');
      return browser;
    },
    cleanup: (fn) => cleanups.push(fn),
    async demo(options = {}) {
      const service = await startService({ ...options, demo: true, webRoot: suite.built.root });
      cleanups.push(() => service.dispose());
      return service;
    },
    async open(url) {
      const page = await openDashboard(suite.browser, url);
      cleanups.push(() => page.close());
      return page;
    },
  };
  return suite;
}
