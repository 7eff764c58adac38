import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIbAdapter, type IbAdapter } from '../../../src/infra/ib/ib-adapter.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { captureLogger } from '../../support/capture-logger.js';
import { ManualClock } from '../../support/manual-clock.js';
import { until } from './support/adapter-harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A loopback port nothing listens on (it listened a moment ago, so it is free). */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function adapterOn(port: number, extra: Partial<Parameters<typeof createIbAdapter>[0]> = {}) {
  const { logger, lines } = captureLogger();
  const adapter: IbAdapter = createIbAdapter({
    host: '127.0.0.1',
    port,
    clientId: 17,
    logger,
    backoff: { initialDelayMs: 10, maxDelayMs: 50 },
    ...extra,
  });
  cleanups.push(() => adapter.stop());
  return { adapter, lines };
}

describe('when TWS cannot be reached', () => {
  it('says once, clearly, how to enable the API, keeps retrying without crashing, and connects once TWS is up', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    cleanups.push(() => {
      process.off('unhandledRejection', onUnhandled);
    });

    const port = await freePort();
    const { adapter, lines } = adapterOn(port);
    const sessions: unknown[] = [];
    adapter.onSession((e) => sessions.push(e));
    adapter.start();
    await until(() => lines.filter((l) => l.msg === 'reconnecting to TWS').length >= 4, 'several attempts');

    const warnings = lines.filter((l) => l.level !== 'debug' && l.level !== 'info');
    expect(warnings).toHaveLength(1);
    const line = String(warnings[0]?.msg);
    expect(line).toContain(`at 127.0.0.1:${port}: connection refused`);
    expect(line).toContain('Configure → Settings → API → Settings');
    expect(line).toContain('Global Configuration → API → Settings');
    expect(line).toContain('"Enable ActiveX and Socket Clients"');
    expect(line).toContain('Trusted IPs');
    expect(line).toContain('position-sentinel demo');
    expect(adapter.status()).toMatchObject({ port, lastError: expect.stringContaining('ECONNREFUSED') });
    await expect(adapter.snapshot()).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
    expect(unhandled).toEqual([]);

    let sim: TwsSimulator | undefined;
    try {
      sim = await startSimulator({ host: '127.0.0.1', port, clock: new ManualClock() });
    } catch (error) {
      // Another program took the freed port in the meantime: nothing this test can check.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return;
      throw error;
    }
    cleanups.push(() => sim?.stop());
    await until(() => sessions.length === 1, 'the first session');
    expect(adapter.state).toBe('READY');
    expect(unhandled).toEqual([]);
  });

  it('gives up on a port that accepts but never speaks the TWS API, says what to check, and retries', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const clock = new ManualClock();
    const { adapter, lines } = adapterOn(port, { clock, random: () => 0.5, handshakeTimeoutMs: 5_000 });
    adapter.start();
    await until(() => sockets.length === 1, 'the connection');
    clock.advance(5_000);
    await until(() => adapter.state === 'DISCONNECTED', 'the give-up');
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      `cannot connect to TWS or IB Gateway at 127.0.0.1:${port} (no answer within 5000 ms); retrying with backoff`,
    ]);
    clock.advance(10);
    await until(() => sockets.length === 2, 'the retry');
  });

  it('says once that a server speaking an API version the client does not support cannot be used, and retries', async () => {
    // Answers every hello with server version 201 (the protobuf era), as a newer TWS would to a client offering it.
    const connections: Socket[] = [];
    const newer = createServer((socket) => {
      connections.push(socket);
      socket.once('data', () => {
        const payload = Buffer.from('201\u000020261125 10:00:00 EST\u0000');
        const length = Buffer.alloc(4);
        length.writeUInt32BE(payload.length);
        socket.write(Buffer.concat([length, payload]));
      });
      socket.on('error', () => {});
    });
    const port = await listen(newer);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of connections) socket.destroy();
          newer.close(() => resolve());
        }),
    );
    const { adapter, lines } = adapterOn(port);
    adapter.start();
    await until(() => connections.length >= 3, 'a few attempts');
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      `cannot connect to TWS or IB Gateway at 127.0.0.1:${port} (506: Unsupported Version 201); retrying with backoff`,
    ]);
    expect(adapter.state).not.toBe('READY');
  });
});
