import type { Clock } from '../../../../src/domain/clock.js';
import type { BrokerSessionEvent } from '../../../../src/domain/ports/broker-port.js';
import type { PositionUpdate } from '../../../../src/domain/position-update.js';
import type { BrokerStateChange } from '../../../../src/infra/ib/feed-connection.js';
import { createIbAdapter, type IbAdapter } from '../../../../src/infra/ib/ib-adapter.js';
import type { IbAdapterOptions } from '../../../../src/infra/ib/ib-adapter-options.js';
import type { SimulatorEvent } from '../../../../src/infra/ib-simulator/simulator-events.js';
import type { SimulatorOptions } from '../../../../src/infra/ib-simulator/simulator-options.js';
import { startSimulator, type TwsSimulator } from '../../../../src/infra/ib-simulator/tws-simulator.js';
import { captureLogger, type LogLine } from '../../../support/capture-logger.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { until } from '../../../support/until.js';

export { until } from '../../../support/until.js';

/** One adapter under test and everything it published, in order. */
export class RecordedAdapter {
  readonly states: BrokerStateChange[] = [];
  readonly sessions: BrokerSessionEvent[] = [];
  readonly updates: PositionUpdate[] = [];

  constructor(
    readonly adapter: IbAdapter,
    readonly logs: LogLine[],
  ) {
    adapter.onStateChange((c) => this.states.push(c));
    adapter.onSession((e) => this.sessions.push(e));
    adapter.onUpdate((u) => this.updates.push(u));
  }

  /** Starts the adapter and waits until its feed is in sync (the first session event). */
  async startReady(): Promise<this> {
    this.adapter.start();
    await this.untilSessions(1);
    return this;
  }

  untilSessions(count: number): Promise<void> {
    return until(() => this.sessions.length >= count, `${count} session event(s)`);
  }

  untilUpdate(accept: (u: PositionUpdate) => boolean, what: string): Promise<void> {
    return until(() => this.updates.some(accept), what);
  }

  stateNames(): string[] {
    return this.states.map((s) => s.state);
  }

  logsAt(level: LogLine['level']): LogLine[] {
    return this.logs.filter((l) => l.level === level);
  }
}

export interface HarnessOptions {
  readonly simulator?: Omit<SimulatorOptions, 'clock'>;
}

/**
 * A simulator on a free loopback port, driven by its own manual clock, and the adapters under
 * test connected to it through real sockets; `dispose()` stops them all.
 */
export class AdapterHarness {
  readonly simulatorEvents: SimulatorEvent[] = [];
  readonly #adapters: IbAdapter[] = [];

  private constructor(
    readonly sim: TwsSimulator,
    readonly simClock: ManualClock,
  ) {
    sim.onEvent((e) => this.simulatorEvents.push(e));
  }

  static async start(options: HarnessOptions = {}): Promise<AdapterHarness> {
    const simClock = new ManualClock();
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, ...options.simulator, clock: simClock });
    return new AdapterHarness(sim, simClock);
  }

  /**
   * An adapter for this simulator with fast retries and generous timeouts (so that no verdict
   * depends on how fast the machine is); anything can be overridden.
   */
  adapter(options: Partial<IbAdapterOptions> & { clock?: Clock } = {}): RecordedAdapter {
    const { logger, lines } = captureLogger();
    const adapter = createIbAdapter({
      host: '127.0.0.1',
      port: this.sim.port,
      clientId: 17,
      logger,
      backoff: { initialDelayMs: 10, maxDelayMs: 100 },
      snapshotTimeoutMs: 15_000,
      ...options,
    });
    this.#adapters.push(adapter);
    return new RecordedAdapter(adapter, lines);
  }

  /** Requests of a kind the simulator received on each connection of `clientId`, in order. */
  requestCounts(clientId: number, type: string): number[] {
    return this.sim
      .connections()
      .filter((c) => c.clientId === clientId)
      .map((c) => c.requests.filter((r) => r.request.type === type).length);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#adapters.map((a) => a.stop()));
    await this.sim.stop();
  }
}
