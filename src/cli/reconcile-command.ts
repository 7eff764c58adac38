import { assembleCore } from '../app/sentinel-core.js';
import type { Clock } from '../domain/clock.js';
import { describeContract } from '../domain/contract.js';
import type { Discrepancy } from '../domain/discrepancy.js';
import type { ReconciliationRun } from '../domain/reconciliation-run.js';
import { createLogger } from '../infra/logger.js';
import { systemClock } from '../infra/system-clock.js';
import type { Command } from './cli-io.js';
import { configFromArgs, configOptionsHelp, wantsHelp } from './config-usage.js';
import { startupFailure } from './startup-failure.js';

/** Exit codes a cron job or a pre-trade check acts on; 2 stays for usage and configuration errors. */
export const RECONCILE_EXIT = {
  clean: 0,
  discrepancies: 1,
  critical: 3,
  brokerUnavailable: 4,
  storeUnavailable: 5,
};

const USAGE = `Usage: position-sentinel reconcile [options]

Connects to the broker and compares the store as it is with the broker's complete snapshot:
nothing from the broker reaches the store before or during the comparison, so every drift since
the service last ran is reported. Prints the summary and each discrepancy, and exits with:
  0  clean                          3  critical discrepancies (a naked position, long/short reversed)
  1  discrepancies, none critical   4  broker unavailable (or the run failed)
  2  bad options or configuration   5  the store could not be opened (in use by a running service?)
Without --heal the store's positions are left exactly as they were (the run itself is recorded).
With --heal the corrections the rules allow are written after the comparison and reported as
healed: the broker's rows for missing and mismatched positions, and expired options closed. A
naked position is never healed: resolve it by hand once you know why the broker does not hold it.
The broker gets twice --snapshot-timeout-ms to connect and get in sync; after that the run goes
ahead and reports the broker unavailable if it still is.
While the service runs, it holds the store: ask it instead (the \`reconcile\` mutation, or
examples/reconcile-check.ts, which exits with the same codes).

`;

/** `position-sentinel reconcile`: one run against the configured broker and store. */
export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: 'Run one reconciliation against the configured broker; the exit code says how it went',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout(USAGE + configOptionsHelp());
      return 0;
    }
    const { config } = configFromArgs(args, io.env);
    const logger = createLogger({ level: config.logLevel, write: io.stderr, pretty: io.interactive });
    let core: Awaited<ReturnType<typeof assembleCore>>;
    try {
      core = await assembleCore(config, logger, systemClock, { compareOnly: true });
    } catch (error) {
      const reason = startupFailure(error);
      if (reason === undefined) throw error;
      io.stderr(`position-sentinel reconcile: ${reason}\n`);
      return RECONCILE_EXIT.storeUnavailable;
    }
    const release = keepProcessAlive();
    try {
      // The STARTUP run comes once the feed's starting list is stored. If the broker never gets
      // there (down, or stuck), a run once the budget is spent says so instead of waiting forever.
      const budgetMs = 2 * config.snapshotTimeoutMs;
      const first = firstRun(core.reconciliation.onRun.bind(core.reconciliation), systemClock, budgetMs);
      core.broker.start();
      const run = (await first) ?? (await core.reconciliation.reconcile('MANUAL'));
      io.stdout(report(run, await core.store.ledger.discrepanciesOfRun(run.id), config.heal));
      return exitCodeOf(run);
    } catch (error) {
      // Exit code 1 means "discrepancies": an unexpected failure must not read as one.
      logger.error('reconciliation failed', { error });
      io.stderr(`position-sentinel reconcile: the reconciliation failed: ${messageOf(error)}\n`);
      return RECONCILE_EXIT.brokerUnavailable;
    } finally {
      await core.close();
      release();
    }
  },
};

/**
 * The service's timers never keep a process alive (the Clock contract). While this command waits
 * for a broker that is down (between reconnect attempts no socket is open either), nothing else
 * would, and Node would exit with code 0 before any verdict: a cron job would read "clean".
 */
function keepProcessAlive(): () => void {
  const timer = setInterval(() => undefined, 60_000);
  return () => clearInterval(timer);
}

/**
 * The first run that answers the question: the STARTUP run, or any run that got a complete
 * snapshot (a short schedule may fire first); undefined once the budget is spent.
 */
function firstRun(
  onRun: (listener: (run: ReconciliationRun) => void) => () => void,
  clock: Clock,
  budgetMs: number,
): Promise<ReconciliationRun | undefined> {
  return new Promise((resolve) => {
    const cancel = clock.schedule(budgetMs, () => {
      detach();
      resolve(undefined);
    });
    const detach = onRun((run) => {
      if (run.trigger !== 'STARTUP' && run.status === 'BROKER_UNAVAILABLE') return;
      cancel();
      detach();
      resolve(run);
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function exitCodeOf(run: ReconciliationRun): number {
  if (run.status === 'BROKER_UNAVAILABLE' || run.status === 'FAILED') return RECONCILE_EXIT.brokerUnavailable;
  if (run.hasCriticalIssues) return RECONCILE_EXIT.critical;
  return run.status === 'DISCREPANCIES' ? RECONCILE_EXIT.discrepancies : RECONCILE_EXIT.clean;
}

function report(run: ReconciliationRun, discrepancies: readonly Discrepancy[], heal: boolean): string {
  const lines = [run.summary];
  for (const i of discrepancies) {
    // Healed (resolved) or acknowledged discrepancies say so: the run found them all the same.
    const state = i.status === 'OPEN' ? '' : ` [${i.status.toLowerCase()}${i.note ? `: ${i.note}` : ''}]`;
    lines.push(
      `  ${i.severity.padEnd(8)} ${i.type.padEnd(18)} ${i.account.padEnd(10)} ${describeContract(i.contract)}: ${i.message}${state}`,
    );
  }
  const healed = discrepancies.filter((i) => i.status === 'RESOLVED').length;
  if (heal) lines.push(`  healed: ${healed} position(s) took the broker's snapshot`);
  if (run.expiredCount > 0)
    lines.push(
      heal
        ? `  ${run.expiredCount} expired option(s) closed as EXPIRY`
        : `  ${run.expiredCount} expired option(s) the broker no longer reports, left as they are (--heal closes them)`,
    );
  if (run.deferredCount > 0)
    lines.push(`  ${run.deferredCount} position(s) traded during the run: checked next time`);
  return `${lines.join('\n')}\n`;
}
