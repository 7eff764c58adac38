import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export interface DashboardPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions of the page, as text. */
  readonly problems: string[];
  /** Every `subscribe` message the page sent on its WebSockets, in order. */
  readonly subscribes: SentOperation[];
  /** How many times the main frame navigated (1 after opening: no reload since). */
  navigations(): number;
  book(): Locator;
  bookRow(id: string): Locator;
  discrepancyRows(): Locator;
  close(): Promise<void>;
}

export interface SentOperation {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
}

/** Opens the dashboard in a fresh browser context (its own session storage) and watches it. */
export async function openDashboard(browser: Browser, url: string): Promise<DashboardPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  const subscribes: SentOperation[] = [];
  let navigations = 0;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        payload?: { query: string; variables?: Record<string, unknown> };
      };
      if (message.type === 'subscribe' && message.payload) {
        subscribes.push({ query: message.payload.query, variables: message.payload.variables });
      }
    });
  });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    subscribes,
    navigations: () => navigations,
    book: () => page.getByTestId('book'),
    bookRow: (id) => page.locator(`tr[data-position="${id}"]`),
    discrepancyRows: () => page.locator('tr[data-discrepancy]'),
    close: () => context.close(),
  };
}

/** The subscribe messages of one named operation, e.g. `DashboardPositions`. */
export function subscribesOf(page: DashboardPage, operation: string): SentOperation[] {
  return page.subscribes.filter((s) => new RegExp(`\\b(subscription|query) ${operation}\\b`).test(s.query));
}
