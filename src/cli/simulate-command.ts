import { listening } from '../app/listen-failure.js';
import { startDemoScenario } from '../infra/ib-simulator/demo/demo-scenario.js';
import { seededRandom } from '../infra/ib-simulator/demo/seeded-random.js';
import { eventLogLine } from '../infra/ib-simulator/event-log-line.js';
import { startSimulator } from '../infra/ib-simulator/tws-simulator.js';
import { systemClock } from '../infra/system-clock.js';
import { type Command, UsageError } from './cli-io.js';
import { type ListenerFlags, startupFailure } from './startup-failure.js';

const USAGE = `Usage: position-sentinel simulate [options]

Runs a fake TWS with a live demo options book, for building and trying clients without IB.
Connect any TWS API client to it (e.g. @stoqey/ib with host, port and a client id).

Options:
  --port <n>          TCP port, 0 for any free one (default 7497, the TWS paper port)
  --host <address>    address to listen on (default 127.0.0.1)
  --accounts <list>   comma-separated account codes (default DU111111,DU222222)
  --seed <n>          seed of the demo's random trading (default: from the clock; printed)
  --refresh-ms <n>    portfolio refresh interval (default 180000, as TWS)
  --master-client-id <n>
                      the Master API client ID: that client hears every execution live
                      (default none: a client hears only those of its own orders)
  -h, --help          print this help
`;

const SIMULATOR_LISTENER: ListenerFlags = { simulator: { name: 'the simulator', flag: '--port' } };

interface SimulateOptions {
  readonly port: number;
  readonly host: string;
  readonly accounts: readonly string[];
  readonly seed: number;
  readonly refreshMs: number;
  readonly masterClientId: number | undefined;
}

/** `position-sentinel simulate`: the simulator alone with the demo scenario, until stopped. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Run a fake TWS with a live demo options book (for clients and frontends)',
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    const options = parseOptions(args);
    const line = (text: string) => io.stdout(`${text}\n`);
    let simulator: Awaited<ReturnType<typeof startSimulator>>;
    try {
      simulator = await listening('simulator', options, () =>
        startSimulator({
          host: options.host,
          port: options.port,
          accounts: options.accounts,
          portfolioRefreshMs: options.refreshMs,
          masterClientId: options.masterClientId,
          clock: systemClock,
        }),
      );
    } catch (error) {
      const reason = startupFailure(error, SIMULATOR_LISTENER);
      if (reason === undefined) throw error;
      io.stderr(`position-sentinel simulate: ${reason}\n`);
      return 1;
    }
    line(
      `TWS simulator listening on ${simulator.host}:${simulator.port} (server version ${simulator.serverVersion}); ` +
        `accounts ${simulator.accounts.join(', ')}; demo seed ${options.seed}. Stop with Ctrl-C.`,
    );
    simulator.onEvent((event) => line(eventLogLine(event)));
    const scenario = startDemoScenario(simulator, {
      clock: systemClock,
      random: seededRandom(options.seed),
      onError: (error) =>
        io.stderr(`demo step failed: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    const signal = await io.waitForStop();
    scenario.stop();
    await simulator.stop();
    line(`stopped (${signal})`);
    return 0;
  },
};

function parseOptions(args: readonly string[]): SimulateOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    if (!['--port', '--host', '--accounts', '--seed', '--refresh-ms', '--master-client-id'].includes(name)) {
      throw new UsageError(`unknown option "${arg}" (see --help)`);
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`${name} needs a value`);
    }
    values.set(name, value);
  }
  const port = integer(values.get('--port') ?? '7497', '--port', 0, 65_535);
  const host = values.get('--host') ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address');
  const accounts = (values.get('--accounts') ?? 'DU111111,DU222222').split(',').map((a) => a.trim());
  const badAccount = accounts.find((a) => !/^[A-Za-z0-9]+$/.test(a));
  if (badAccount !== undefined) {
    throw new UsageError(`--accounts takes comma-separated codes of letters and digits, got "${badAccount}"`);
  }
  if (new Set(accounts).size !== accounts.length) throw new UsageError('--accounts lists an account twice');
  const seedText = values.get('--seed');
  const seed = seedText === undefined ? Date.now() % 2 ** 32 : integer(seedText, '--seed', 0, 2 ** 32 - 1);
  const refreshMs = integer(values.get('--refresh-ms') ?? '180000', '--refresh-ms', 1, 86_400_000);
  const masterText = values.get('--master-client-id');
  const masterClientId =
    masterText === undefined ? undefined : integer(masterText, '--master-client-id', 0, 2 ** 31 - 1);
  return { port, host, accounts, seed, refreshMs, masterClientId };
}

function integer(text: string, name: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}
