import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardBuildFolder } from '../app/package-root.js';
import { startDemo } from '../app/start-demo.js';
import { createLogger } from '../infra/logger.js';
import { type Command, UsageError } from './cli-io.js';
import { configFromArgs, configOptionsHelp, type OptionsHelpChanges, wantsHelp } from './config-usage.js';
import { demoBanner } from './demo-banner.js';
import { runUntilStopped } from './graceful-shutdown.js';
import { API_LISTENER, type ListenerFlags, startupFailure } from './startup-failure.js';

const USAGE = `Usage: position-sentinel demo [options]

Everything in one process, no IB account needed: a simulated TWS with a live options book
(trading every few seconds, prices moving, and now and then a silent drift), and the service
connected to it. Reconciles every 30 s and keeps its store in a temporary file, removed when the
demo stops: give --db PATH to keep it. Stops on Ctrl-C.

Demo options:
  --seed <n>                        seed of the simulated trading (default: from the clock)
  --simulator-port <n>              port of the simulated TWS (default: any free port);
                                    the service connects to it, so --ib-host and --ib-port
                                    do not apply

`;

/** The demo's own defaults in its help; the service's options it does not take are left out. */
const DEMO_OPTIONS_HELP: OptionsHelpChanges = {
  defaults: {
    'reconcile-interval-ms': '30000 in the demo',
    db: 'a temporary file, removed on exit',
  },
  omit: ['ib-host', 'ib-port'],
};

/** Flags the demo refuses: its broker is its own simulated TWS. */
const BROKER_ADDRESS_FLAGS = ['ib-host', 'ib-port'];

const DEMO_LISTENERS: ListenerFlags = {
  ...API_LISTENER,
  simulator: { name: 'the simulated TWS', flag: '--simulator-port' },
};

/** Defaults that make the demo show something soon; any flag or variable the user gives wins. */
function demoDefaults(args: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const given = (flag: string, variable: string) =>
    args.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`)) || (env[variable] ?? '') !== '';
  const defaults: string[] = [];
  if (!given('reconcile-interval-ms', 'SENTINEL_RECONCILE_INTERVAL_MS'))
    defaults.push('--reconcile-interval-ms=30000');
  if (!given('db', 'SENTINEL_DB'))
    defaults.push(`--db=${join(tmpdir(), `position-sentinel-demo-${process.pid}.duckdb`)}`);
  return defaults;
}

/** `position-sentinel demo`: the simulator, its scenario and the service, until stopped. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Try it without IB: a simulated TWS with a live options book, and the service on it',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout(USAGE + configOptionsHelp(DEMO_OPTIONS_HELP));
      return 0;
    }
    const brokerFlag = BROKER_ADDRESS_FLAGS.find((flag) =>
      args.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`)),
    );
    if (brokerFlag !== undefined) {
      throw new UsageError(
        `--${brokerFlag} does not apply to the demo: it connects to its own simulated TWS ` +
          '(choose that port with --simulator-port); to use TWS or IB Gateway, run serve',
      );
    }
    const defaults = demoDefaults(args, io.env);
    const { config, extra } = configFromArgs([...defaults, ...args], io.env, {
      seed: { type: 'string' },
      'simulator-port': { type: 'string' },
    });
    const seed = wholeNumber(extra.seed, '--seed', 2 ** 32 - 1) ?? Date.now() % 2 ** 32;
    const simulatorPort = wholeNumber(extra['simulator-port'], '--simulator-port', 65_535) ?? 0;
    const temporaryDb = defaults.some((d) => d.startsWith('--db=')) ? config.db : undefined;
    const logger = createLogger({ level: config.logLevel, write: io.stdout, pretty: io.interactive });
    const removeTemporaryDb = () => {
      if (temporaryDb) for (const file of [temporaryDb, `${temporaryDb}.wal`]) rmSync(file, { force: true });
    };
    let demo: Awaited<ReturnType<typeof startDemo>>;
    try {
      demo = await startDemo({ config, logger, seed, simulatorPort, webRoot: dashboardBuildFolder() });
    } catch (error) {
      removeTemporaryDb();
      const reason = startupFailure(error, DEMO_LISTENERS);
      if (reason === undefined) throw error;
      io.stderr(`position-sentinel demo: ${reason}\n`);
      return 1;
    }
    io.stdout(
      demoBanner({
        url: demo.sentinel.url,
        simulator: demo.simulator,
        seed,
        config,
        temporaryStore: temporaryDb !== undefined,
      }),
    );
    const code = await runUntilStopped(
      io,
      demo,
      { deadlineMs: config.shutdownTimeoutMs, logger },
      'shutting down the demo',
    );
    // Only once the file is closed: a store still open (a shutdown that overran) is left alone.
    if (code === 0) removeTemporaryDb();
    return code;
  },
};

function wholeNumber(value: unknown, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > max) {
    throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got "${text}"`);
  }
  return n;
}
