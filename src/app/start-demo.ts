import type { Clock } from '../domain/clock.js';
import {
  type DemoScenario,
  type DemoScenarioOptions,
  startDemoScenario,
} from '../infra/ib-simulator/demo/demo-scenario.js';
import { seededRandom } from '../infra/ib-simulator/demo/seeded-random.js';
import { startSimulator, type TwsSimulator } from '../infra/ib-simulator/tws-simulator.js';
import type { Logger } from '../infra/logger.js';
import { systemClock } from '../infra/system-clock.js';
import type { Config } from './config.js';
import { listening } from './listen-failure.js';
import { type Sentinel, startSentinel } from './start-sentinel.js';

export interface DemoOptions {
  /** The service's configuration; its broker address is replaced by the simulator's. */
  readonly config: Config;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Port of the simulated TWS; 0 (default) picks a free one. */
  readonly simulatorPort?: number;
  readonly seed: number;
  /** The demo scenario's settings, or false for a simulator that only does what it is told. */
  readonly scenario?: Partial<Omit<DemoScenarioOptions, 'clock' | 'random'>> | false;
  readonly webRoot?: string;
}

export interface Demo {
  readonly sentinel: Sentinel;
  readonly simulator: TwsSimulator;
  readonly scenario: DemoScenario | undefined;
  close(): Promise<void>;
  /** The shutdown steps not finished yet, the one in progress first. */
  unfinishedClose(): readonly string[];
}

/** The simulated TWS with its demo book, and the whole service connected to it, in one process. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const clock = options.clock ?? systemClock;
  const port = options.simulatorPort ?? 0;
  const simulator = await listening('simulator', { host: '127.0.0.1', port }, () =>
    startSimulator({ host: '127.0.0.1', port, clock }),
  );
  const scenario =
    options.scenario === false
      ? undefined
      : startDemoScenario(simulator, {
          ...options.scenario,
          clock,
          random: seededRandom(options.seed),
          onError: (error) => options.logger.warn('demo scenario step failed', { error }),
        });
  let sentinel: Sentinel;
  try {
    sentinel = await startSentinel({
      config: { ...options.config, ib: { ...options.config.ib, host: '127.0.0.1', port: simulator.port } },
      logger: options.logger,
      clock,
      demo: true,
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    });
  } catch (error) {
    scenario?.stop();
    await simulator.stop();
    throw error;
  }
  let simulatorStopped = false;
  return {
    sentinel,
    simulator,
    scenario,
    async close() {
      scenario?.stop();
      await sentinel.close();
      await simulator.stop();
      simulatorStopped = true;
    },
    unfinishedClose: () => [...sentinel.unfinishedClose(), ...(simulatorStopped ? [] : ['simulator'])],
  };
}
