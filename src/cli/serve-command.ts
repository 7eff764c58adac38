import { dashboardBuildFolder, packageVersion } from '../app/package-root.js';
import { startSentinel } from '../app/start-sentinel.js';
import { createLogger } from '../infra/logger.js';
import type { Command } from './cli-io.js';
import { configFromArgs, configOptionsHelp, wantsHelp } from './config-usage.js';
import { runUntilStopped } from './graceful-shutdown.js';
import { startupFailure } from './startup-failure.js';

const USAGE = `Usage: position-sentinel serve [options]

Connects to TWS or IB Gateway, keeps the positions in the DuckDB store, reconciles them with the
broker, and serves the GraphQL API (HTTP, SSE and WebSocket on one port) and the dashboard.
Stops cleanly on Ctrl-C or SIGTERM (further signals while stopping are ignored), within
--shutdown-timeout-ms; past it, exits 1 naming what did not finish.

`;

/** `position-sentinel serve` (the default command): the service, until stopped. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the service: broker feed, store, reconciliation, GraphQL API and dashboard (default)',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout(USAGE + configOptionsHelp());
      return 0;
    }
    const { config } = configFromArgs(args, io.env);
    const logger = createLogger({ level: config.logLevel, write: io.stdout, pretty: io.interactive });
    let sentinel: Awaited<ReturnType<typeof startSentinel>>;
    try {
      sentinel = await startSentinel({ config, logger, webRoot: dashboardBuildFolder() });
    } catch (error) {
      const reason = startupFailure(error);
      if (reason === undefined) throw error;
      io.stderr(`position-sentinel serve: ${reason}\n`);
      return 1;
    }
    logger.info(`position-sentinel ${packageVersion()} is running`, {
      dashboard: `${sentinel.url}/`,
      graphql: `${sentinel.url}/graphql`,
      broker: `${config.ib.host}:${config.ib.port}`,
      store: config.db,
    });
    return runUntilStopped(io, sentinel, { deadlineMs: config.shutdownTimeoutMs, logger });
  },
};
