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
  readonly clients: RecordingClient[] = [];
  readonly simulatorEvents: SimulatorEvent[] = [];

  private constructor(
    readonly sim: TwsSimulator,
    readonly clock: ManualClock,
  ) {
    sim.onEvent((event) => this.simulatorEvents.push(event));
  }

  static async start(options: Omit<SimulatorOptions, 'clock'> = {}): Promise<SimulatorHarness> {
    const clock = new ManualClock();
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, clock, ...options });
    return new SimulatorHarness(sim, clock);
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
    await Promise.all(this.clients.map((c) => c.disconnect()));
    await this.sim.stop();
  }
}
