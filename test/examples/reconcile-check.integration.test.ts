import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../support/closed-port.js';
import { option } from '../support/contracts.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { runExample } from './support/example-process.js';
import { storedOpenPositions, WAIT } from './support/store-queries.js';

const SPY_600_C = option(910001, 'SPY', '20271217', 600, 'CALL');
const SPY_500_P = option(910002, 'SPY', '20271217', 500, 'PUT');
const TIMEOUT = 60_000;

const check = (graphqlUrl: string) => runExample('reconcile-check.ts', ['--url', graphqlUrl]);

describe('examples/reconcile-check.ts against a running service', () => {
  let service: ServiceFixture;

  beforeEach(async () => {
    service = await startService({ demo: true, flags: ['--snapshot-timeout-ms=500'] });
  }, TIMEOUT);

  afterEach(async () => {
    await service?.dispose();
  });

  /** A position the broker announced and the store has taken in. */
  async function heldEverywhere(account: string, contract: typeof SPY_600_C, quantity: number) {
    service.simulator.open(account, contract, quantity, { marketPrice: 4.5 });
    await expect.poll(() => storedOpenPositions(service.graphqlUrl), WAIT).toBe(1);
  }

  it(
    'exits 0 and prints the summary when the store agrees with the broker',
    async () => {
      await heldEverywhere('DU111111', SPY_600_C, 2);
      const result = await check(service.graphqlUrl);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe('Broker: 1, Store: 1, Discrepancies: 0 (0 critical)\n');
    },
    TIMEOUT,
  );

  it(
    'exits 1 and lists the warning when the broker holds a position the store never saw',
    async () => {
      service.simulator.silently.open('DU111111', SPY_600_C, 2, { marketPrice: 4.5 });
      const result = await check(service.graphqlUrl);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^Broker: 1, Store: 0, Discrepancies: 1 \(0 critical\)\n/);
      expect(result.stdout).toMatch(
        /WARNING +MISSING_FROM_STORE +Broker holds 2 SPY 2027-12-17 600 C in DU111111/,
      );
    },
    TIMEOUT,
  );

  it(
    'exits 3 when the broker closed a position without telling the store (a naked position)',
    async () => {
      await heldEverywhere('DU222222', SPY_500_P, -3);
      service.simulator.silently.close('DU222222', SPY_500_P.conId);
      const result = await check(service.graphqlUrl);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/Discrepancies: 1 \(1 critical\)/);
      expect(result.stdout).toMatch(
        /CRITICAL +NAKED_POSITION +Store holds -3 SPY 2027-12-17 500 P in DU222222/,
      );
    },
    TIMEOUT,
  );

  it(
    'exits 4 when the broker does not finish its snapshot',
    async () => {
      service.simulator.withholdPositionEnd(true);
      const result = await check(service.graphqlUrl);
      expect(result.code).toBe(4);
      expect(result.stdout).toMatch(/^Broker: unavailable \(no positionMultiEnd from TWS within 500 ms/);
    },
    TIMEOUT,
  );
});

describe('examples/reconcile-check.ts without a service', () => {
  it(
    'prints its usage and exits 0 on --help and -h, asking nothing',
    async () => {
      for (const flag of ['--help', '-h']) {
        const result = await runExample('reconcile-check.ts', [flag, '--url', 'http://127.0.0.1:9/graphql']);
        expect(result).toMatchObject({ code: 0, stderr: '' });
        expect(result.stdout).toMatch(
          /^Usage: npx tsx examples\/reconcile-check\.ts \[--url URL\] \[--api-key KEY\]\n/,
        );
        expect(result.stdout).toContain('--api-key KEY');
        expect(result.stdout).toMatch(/exits\s+0 clean/);
      }
    },
    TIMEOUT,
  );

  it(
    'exits 2 with a clear message on an option it does not know',
    async () => {
      const result = await runExample('reconcile-check.ts', ['--frobnicate']);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe("reconcile-check: Unknown option '--frobnicate'\n");
    },
    TIMEOUT,
  );

  it(
    'exits 2 with a clear message on a URL that is not http(s)',
    async () => {
      const result = await runExample('reconcile-check.ts', ['--url', 'localhost:4000']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--url must be an http(s) URL');
    },
    TIMEOUT,
  );

  it(
    'exits 2 naming the URL when nothing listens there',
    async () => {
      const url = `http://127.0.0.1:${await closedPort()}/graphql`;
      const result = await runExample('reconcile-check.ts', ['--url', url]);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`reconcile-check: could not reach ${url}: `);
      expect(result.stderr).toContain('ECONNREFUSED');
    },
    TIMEOUT,
  );
});
