import { readFileSync } from 'node:fs';
import { type EchoedAlert, startAlertEcho } from '../infra/alerts/alert-echo-receiver.js';
import { systemClock } from '../infra/system-clock.js';
import { type Command, UsageError } from './cli-io.js';

const USAGE = `Usage: position-sentinel alert-echo [options]

A local receiver for trying alerts without an account anywhere: it answers every alert with 200
and prints one line for each. Give the service its URL as --alert-webhook-url (with the same
secret, and each signature is checked), or as --alert-pagerduty-url, or as the Slack webhook URL.

Options:
  --port <n>            TCP port, 0 for any free one (default 4010)
  --host <address>      address to listen on (default 127.0.0.1)
  --secret-file <file>  the webhook secret, to check signatures (or SENTINEL_ALERT_WEBHOOK_SECRET)
  -h, --help            print this help
`;

/** `position-sentinel alert-echo`: a receiver that prints the alerts it gets, until stopped. */
export const alertEchoCommand: Command = {
  name: 'alert-echo',
  summary: 'Run a local receiver that prints the alerts it gets (for trying alert routes)',
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return 0;
    }
    const options = parseOptions(args);
    const secret =
      options.secretFile !== undefined
        ? readSecret(options.secretFile)
        : io.env.SENTINEL_ALERT_WEBHOOK_SECRET?.trim() || undefined;
    let echo: Awaited<ReturnType<typeof startAlertEcho>>;
    try {
      echo = await startAlertEcho({
        host: options.host,
        port: options.port,
        clock: systemClock,
        secret,
        onAlert: (alert) => io.stdout(`${echoLine(alert)}\n`),
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason =
        code === 'EADDRINUSE' ? 'the port is in use' : error instanceof Error ? error.message : error;
      io.stderr(
        `position-sentinel alert-echo: cannot listen on ${options.host}:${options.port}: ${reason}\n`,
      );
      return 1;
    }
    io.stdout(
      `Alert echo receiver at ${echo.url}/ (${secret === undefined ? 'signatures not checked: no secret' : 'checking signatures'}). Try:\n` +
        `  --alert-route webhook --alert-webhook-url ${echo.url}/webhook\n` +
        `  --alert-route pagerduty --alert-pagerduty-url ${echo.url}/pagerduty\n` +
        'Stop with Ctrl-C.\n',
    );
    const signal = await io.waitForStop();
    await echo.stop();
    io.stdout(`stopped (${signal})\n`);
    return 0;
  },
};

/** One line per alert: time, channel, what, severity and summary, the keys, the signature. */
export function echoLine(alert: EchoedAlert): string {
  const parts = [alert.at.toISOString().slice(11, 19), alert.shape, alert.what].filter((p) => p !== '');
  if (alert.summary) parts.push(JSON.stringify(alert.summary));
  if (alert.dedupKey) parts.push(`dedup ${alert.dedupKey}`);
  if (alert.idempotencyKey) parts.push(`key ${alert.idempotencyKey}`);
  if (alert.signature) parts.push(`signature ${alert.signature}`);
  return parts.join(' ');
}

function parseOptions(args: readonly string[]): {
  port: number;
  host: string;
  secretFile: string | undefined;
} {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--port', '--host', '--secret-file'].includes(name))
      throw new UsageError(`unknown option "${arg}" (see --help)`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  const portText = values.get('--port') ?? '4010';
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isSafeInteger(port) || port > 65_535)
    throw new UsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  return { port, host: values.get('--host') ?? '127.0.0.1', secretFile: values.get('--secret-file') };
}

function readSecret(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new UsageError(
      `--secret-file: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (text === '') throw new UsageError(`--secret-file: ${path} is empty`);
  return text;
}
