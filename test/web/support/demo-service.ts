import { loadConfig } from '../../../src/app/config.js';
import { startDemo } from '../../../src/app/start-demo.js';
import { type Sentinel, startSentinel } from '../../../src/app/start-sentinel.js';
import type { TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { makeTempDir } from '../../support/temp-dir.js';

export interface DemoServiceOptions {
  /** `KEY:role` entries; without any, the service is open to loopback callers. */
  readonly apiKeys?: readonly string[];
  /** The built dashboard to serve at `/`. */
  readonly webRoot?: string;
}

/**
 * The demo in one process with no scenario (the book holds what the test opens), a real DuckDB
 * file in a temp dir and the API on a free port; the service can be stopped and started again on
 * the same port and file, as an operator restarting it would.
 */
export interface DemoService {
  readonly simulator: TwsSimulator;
  /** http://127.0.0.1:<port>, the same across restarts. */
  readonly url: string;
  readonly port: number;
  readonly running: boolean;
  /** Closes the service (API, reconciliation, broker, store); the simulator stays up. */
  stopService(): Promise<void>;
  /** Starts a new service on the same port and DuckDB file. */
  startService(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoService(options: DemoServiceOptions = {}): Promise<DemoService> {
  const dir = makeTempDir('sentinel-dashboard-');
  const { config } = loadConfig(
    [
      '--port=0',
      `--db=${dir.path}/positions.duckdb`,
      // Every drift a test makes is found by the next run, even right after a trade.
      '--quiet-window-ms=0',
      // Only the runs a test asks for (and the startup run): nothing moves on its own.
      '--reconcile-interval-ms=3600000',
      '--log-level=error',
      ...(options.apiKeys ?? []).map((k) => `--api-key=${k}`),
    ],
    {},
  );
  let demo: Awaited<ReturnType<typeof startDemo>>;
  try {
    demo = await startDemo({
      config,
      logger: silentLogger,
      seed: 1,
      scenario: false,
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
  } catch (error) {
    dir.remove();
    throw error;
  }
  const { simulator } = demo;
  const port = demo.sentinel.port;
  let sentinel: Sentinel | undefined = demo.sentinel;
  const serviceConfig = { ...config, port, ib: { ...config.ib, host: '127.0.0.1', port: simulator.port } };

  return {
    simulator,
    url: demo.sentinel.url,
    port,
    get running() {
      return sentinel !== undefined;
    },
    async stopService() {
      const current = sentinel;
      sentinel = undefined;
      await current?.close();
    },
    async startService() {
      if (sentinel) throw new Error('the service is already running');
      sentinel = await startSentinel({
        config: serviceConfig,
        logger: silentLogger,
        demo: true,
        ...(options.webRoot ? { webRoot: options.webRoot } : {}),
      });
    },
    async close() {
      try {
        await sentinel?.close();
        sentinel = undefined;
        await simulator.stop();
      } finally {
        dir.remove();
      }
    },
  };
}
