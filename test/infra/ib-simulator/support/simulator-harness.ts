import { afterEach, beforeEach, expect } from 'vitest';
import type { SimulatorEvent } from '../../../../src/infra/ib-simulator/simulator-events.js';
import type { SimulatorOptions } from '../../../../src/infra/ib-simulator/simulator-options.js';
import { startSimulator, type TwsSimulator } from '../../../../src/infra/ib-simulator/tws-simulator.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { RecordingClient } from './recording-client.js';

/**
 * A simulator on a free loopback port, driven by a manual clock, and the real clients connected
 * to it; `dispose()` disconnects every client and stops the simulator.
 */
export class SimulatorHarness {
  #sim: TwsSimulator | undefined;
  #clock = new ManualClock();
  #clients: RecordingClient[] = [];
  #simulatorEvents: SimulatorEvent[] = [];

  static start(options: Omit<SimulatorOptions, 'clock'> = {}): Promise<SimulatorHarness> {
    return new SimulatorHarness().start(options);
  }

  /** Starts afresh: a new clock, a new simulator, no client. */
  async start(options: Omit<SimulatorOptions, 'clock'> = {}): Promise<this> {
    this.#clock = new ManualClock();
    this.#clients = [];
    this.#simulatorEvents = [];
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: this.#clock, ...options });
    sim.onEvent((event) => this.#simulatorEvents.push(event));
    this.#sim = sim;
    return this;
  }

  get sim(): TwsSimulator {
    if (!this.#sim) throw new Error('the simulator harness is not started');
    return this.#sim;
  }

  get clock(): ManualClock {
    return this.#clock;
  }

  get clients(): RecordingClient[] {
    return this.#clients;
  }

  get simulatorEvents(): SimulatorEvent[] {
    return this.#simulatorEvents;
  }

  /** A client connected and ready (`nextValidId` received). */
  async client(clientId: number): Promise<RecordingClient> {
    const client = this.unconnected(clientId);
    client.connect();
    await client.waitFor('nextValidId');
    return client;
  }

  /** A client that has not connected yet; cleaned up with the rest. */
  unconnected(clientId: number): RecordingClient {
    const client = new RecordingClient(this.sim.port, clientId);
    this.clients.push(client);
    return client;
  }

  /** Every `error` event any client of this harness reported, with the client's id. */
  clientErrors(): { clientId: number; message: string; code: number }[] {
    return this.clients.flatMap((c) =>
      c.errors().map((e) => ({ clientId: c.clientId, message: e.message, code: e.code })),
    );
  }

  async dispose(): Promise<void> {
    const sim = this.#sim;
    this.#sim = undefined;
    await Promise.all(this.#clients.map((c) => c.disconnect()));
    await sim?.stop();
  }
}

export interface SimulatorHarnessUse {
  /** What the simulator holds before a test connects. */
  readonly book?: (sim: TwsSimulator) => void;
  /**
   * Normal use (the default): a test fails if the real client reported a single error. Tests of
   * faults and refusals, where errors are expected, pass true.
   */
  readonly allowClientErrors?: boolean;
}

/** Registers the hooks of a test file: a fresh harness for each test. */
export function useSimulatorHarness(use: SimulatorHarnessUse = {}): SimulatorHarness {
  const harness = new SimulatorHarness();
  beforeEach(async () => {
    await harness.start();
    use.book?.(harness.sim);
  });
  afterEach(async () => {
    const errors = harness.clientErrors();
    await harness.dispose();
    if (!use.allowClientErrors) expect(errors).toEqual([]);
  });
  return harness;
}
