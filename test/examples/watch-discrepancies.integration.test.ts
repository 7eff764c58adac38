import { afterEach, describe, expect, it } from 'vitest';
import { reconcileCommand } from '../../src/cli/reconcile-command.js';
import { captureIo } from '../support/capture-io.js';
import { option } from '../support/contracts.js';
import { startService } from '../support/service-fixture.js';
import { RunningExample, runExample } from './support/example-process.js';
import { WAIT } from './support/store-queries.js';

const SPY_600_C = option(920001, 'SPY', '20271217', 600, 'CALL');
const QQQ_450_P = option(920002, 'QQQ', '20271217', 450, 'PUT');
const IWM_200_C = option(920003, 'IWM', '20271217', 200, 'CALL');
const TIMEOUT = 90_000;

describe('examples/watch-discrepancies.ts', () => {
  const cleanup: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it(
    'prints what is active first, then each discrepancy event once, and after a restart of the service resumes after the last one it printed',
    async () => {
      const service = await startService({ demo: true });
      cleanup.push(() => service.dispose());
      const { simulator } = service;

      // 0. Open before the watcher starts: it is printed first, as it is now, and its OPENED
      //    event (older than the watcher's cursor) is not.
      simulator.silently.open('DU222222', IWM_200_C, 3, { marketPrice: 2.2 });
      await service.sentinel.reconciliation.reconcile('MANUAL');
      const watcher = new RunningExample('watch-discrepancies.ts', ['--url', service.graphqlUrl]);
      cleanup.push(() => watcher.stop());
      await service.untilSubscriptions(1);
      expect(watcher.lines).toHaveLength(1);
      expect(watcher.lines[0]).toMatch(
        /^now +OPEN +WARNING +MISSING_FROM_STORE DU222222 Broker holds 3 IWM /,
      );
      expect(watcher.stderr).toContain('1 active now; then every change');

      // 1. Live: the broker holds a position the store never heard of.
      simulator.silently.open('DU111111', SPY_600_C, 2, { marketPrice: 4.5 });
      await service.sentinel.reconciliation.reconcile('MANUAL');
      await expect.poll(() => watcher.lines.length, WAIT).toBe(2);
      expect(watcher.lines[1]).toMatch(/ OPENED +WARNING +MISSING_FROM_STORE DU111111 Broker holds 2 SPY /);

      // 2. The service stops; while it is down the position goes away and a one-off
      //    `position-sentinel reconcile` on the same file resolves the SPY discrepancy. It compares
      //    the file as it is, so IWM is still missing from the store (exit 1) until the restarted
      //    service's catch-up stores the broker's starting list and resolves it.
      await service.stopService();
      await expect.poll(() => watcher.stderr, WAIT).toMatch(/disconnected: .*; retrying in 2 s/);
      simulator.silently.close('DU111111', SPY_600_C.conId);
      const io = captureIo();
      const args = [`--db=${service.db}`, `--ib-port=${simulator.port}`, '--quiet-window-ms=0'];
      expect(await reconcileCommand.run(args, io)).toBe(1);

      // 3. The service comes back on the same port and file: the watcher replays what it missed.
      await service.startService();
      const beforeRestart = service.sentinel.reconciliation.status().lastRun?.id;
      await expect.poll(() => watcher.lines.length, WAIT).toBe(4);
      expect(watcher.stderr).toMatch(/resuming after \S+/);
      const missed = watcher.lines.slice(2, 4);
      // The reconcile command resolved one, the restarted service's first run the other.
      expect(missed).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ RESOLVED +WARNING +MISSING_FROM_STORE DU111111 Broker holds 2 SPY /),
          expect.stringMatching(/ RESOLVED +WARNING +MISSING_FROM_STORE DU222222 Broker holds 3 IWM /),
        ]),
      );

      // 4. And goes on live, with nothing printed twice.
      await service.untilRunAfter(beforeRestart);
      simulator.silently.open('DU222222', QQQ_450_P, -1, { marketPrice: 7.1 });
      await service.sentinel.reconciliation.reconcile('MANUAL');
      await expect.poll(() => watcher.lines.length, WAIT).toBe(5);
      expect(watcher.lines[4]).toMatch(/ OPENED +WARNING +MISSING_FROM_STORE DU222222 Broker holds -1 QQQ /);
      expect(watcher.lines.filter((l) => l.includes(' OPENED '))).toHaveLength(2);
      expect(watcher.lines.filter((l) => l.includes(' IWM '))).toHaveLength(2);
    },
    TIMEOUT,
  );

  it(
    'prints its usage and exits 0 on --help, without connecting',
    async () => {
      const result = await runExample('watch-discrepancies.ts', [
        '--help',
        '--url',
        'http://127.0.0.1:9/graphql',
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        /^Usage: npx tsx examples\/watch-discrepancies\.ts \[--url URL\] \[--api-key KEY\]\n/,
      );
      expect(result.stdout).toContain('--url URL');
    },
    TIMEOUT,
  );

  it(
    'exits 2 with a clear message on an option it does not know',
    async () => {
      const result = await runExample('watch-discrepancies.ts', ['--frobnicate']);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe("watch-discrepancies: Unknown option '--frobnicate'\n");
    },
    TIMEOUT,
  );
});
