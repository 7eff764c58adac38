import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { type DashboardAction, dashboardReducer, emptyState } from '../../src/web/dashboard-state.js';
import { type LinkState, LiveConnection, type LiveConnectionOptions } from '../../src/web/live-connection.js';
import { type ServiceFixture, type ServiceOptions, startService } from '../support/service-fixture.js';
import { openBook, positionId } from '../support/standard-book.js';

const POLL = { timeout: 20_000, interval: 50 };
const ADMIN_KEY = 'admin-key-0123456789';
const READ_KEY = 'read-key-0123456789';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function service(options?: ServiceOptions): Promise<ServiceFixture> {
  const s = await startService({ ...options, demo: true });
  cleanups.push(() => s.dispose());
  return s;
}

/** A LiveConnection as the page makes it, over the `ws` package instead of a browser's socket. */
function connect(target: { url: string }, options: Partial<LiveConnectionOptions> = {}) {
  const actions: DashboardAction[] = [];
  const states: LinkState[] = [];
  const live = new LiveConnection(
    {
      url: `${target.url.replace(/^http/, 'ws')}/graphql`,
      apiKey: null,
      webSocketImpl: WebSocket,
      ...options,
    },
    { onActions: (a) => actions.push(...a), onState: (s) => states.push(s) },
  );
  cleanups.push(() => live.stop());
  live.start();
  return {
    live,
    actions,
    states,
    state: () => actions.reduce(dashboardReducer, emptyState),
    /** Actions delivered since the latest snapshot, the snapshot first. */
    sinceLastSnapshot: () => actions.slice(actions.map((a) => a.type).lastIndexOf('snapshot')),
  };
}

async function graphql(s: ServiceFixture, query: string, key?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: Record<string, unknown>; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the dashboard connection', () => {
  it('starts with a snapshot of the book, then applies live changes', async () => {
    const s = await service();
    const [first, second] = openBook(s.simulator, 6);
    const page = connect(s);
    await expect.poll(() => page.live.state.kind, POLL).toBe('online');
    expect(page.actions[0]?.type).toBe('snapshot');
    await expect.poll(() => page.state().positions.size, POLL).toBe(6);
    expect(page.state()).toMatchObject({ role: 'ADMIN', status: { mode: 'DEMO' } });

    s.simulator.change(first!.account, first!.contract.conId, 17);
    s.simulator.close(second!.account, second!.contract.conId);
    await expect.poll(() => page.state().positions.get(positionId(first!))?.quantity, POLL).toBe(17);
    await expect.poll(() => page.state().positions.has(positionId(second!)), POLL).toBe(false);
    expect(page.live.cursors.position).not.toBeNull();
  });

  it('after the service restarts, resumes each stream from its cursor and replays what it missed', async () => {
    const s = await service();
    const [traded, drifted] = openBook(s.simulator, 3);
    // Reconnects only when the test says, so the missed changes are surely stored by then.
    const page = connect(s, { retryDelaysMs: [600_000] });
    await expect.poll(() => page.live.state.kind, POLL).toBe('online');
    s.simulator.change(traded!.account, traded!.contract.conId, 5);
    s.simulator.silently.change(drifted!.account, drifted!.contract.conId, 11);
    await expect.poll(() => page.state().positions.get(positionId(traded!))?.quantity, POLL).toBe(5);
    await graphql(s, 'mutation { reconcile { id } }');
    await expect.poll(() => page.state().discrepancies.size, POLL).toBe(1);
    const before = page.live.cursors;
    expect(before.position).not.toBeNull();
    expect(before.discrepancy).not.toBeNull();

    await s.stopService();
    await expect.poll(() => page.live.state.kind, POLL).toBe('offline');
    // While the service is down the broker moves on; the new service's startup run then finds
    // the drift gone (the broker's snapshot wrote 11) and resolves the discrepancy.
    s.simulator.change(traded!.account, traded!.contract.conId, 42);
    await s.startService();
    await expect
      .poll(async () => {
        const data = await graphql(s, '{ discrepancies { id } positions { id quantity } }');
        const quantity = (data.positions as { id: string; quantity: number }[]).find(
          (p) => p.id === positionId(traded!),
        )?.quantity;
        return { open: (data.discrepancies as unknown[]).length, quantity };
      }, POLL)
      .toEqual({ open: 0, quantity: 42 });

    page.live.retryNow();
    await expect.poll(() => page.live.state.kind, POLL).toBe('online');
    // Changes made before this connection existed can only come from the resumed streams.
    await expect
      .poll(() => {
        const replayed = page.sinceLastSnapshot().slice(1);
        return {
          position: replayed.some(
            (a) =>
              a.type === 'position' && a.position.id === positionId(traded!) && a.position.quantity === 42,
          ),
          resolved: replayed.some((a) => a.type === 'discrepancy' && a.discrepancy.status === 'RESOLVED'),
        };
      }, POLL)
      .toEqual({ position: true, resolved: true });
    expect(page.live.cursors.position).not.toBe(before.position);
    expect(page.live.cursors.discrepancy).not.toBe(before.discrepancy);
    expect(page.state().discrepancies.size).toBe(0);
    expect(page.state().positions.get(positionId(traded!))?.quantity).toBe(42);
    expect(page.states.map((st) => st.kind)).toContain('offline');
  });

  it('stops at a missing or refused key, and connects with a read key as READ', async () => {
    const s = await service({ apiKeys: [`${ADMIN_KEY}:admin`, `${READ_KEY}:read`] });
    const anonymous = connect(s);
    const wrong = connect(s, { apiKey: 'not-a-key-0123456789' });
    const reader = connect(s, { apiKey: READ_KEY });
    await expect.poll(() => anonymous.live.state, POLL).toEqual({ kind: 'unauthorized', refused: false });
    await expect.poll(() => wrong.live.state, POLL).toEqual({ kind: 'unauthorized', refused: true });
    await expect.poll(() => reader.live.state.kind, POLL).toBe('online');
    expect(reader.state().role).toBe('READ');
    // Nothing retries after a refusal: the attempts stop with the first answer.
    expect(wrong.states.filter((st) => st.kind === 'connecting')).toHaveLength(1);
  });

  it('reports a service that stops answering pings as offline, and tries again', async () => {
    // A socket that accepts the connection and then never answers anything: a hung network.
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const sockets: WebSocket[] = [];
    silent.on('connection', (socket) => {
      sockets.push(socket);
      socket.once('message', () => socket.send(JSON.stringify({ type: 'connection_ack' })));
    });
    cleanups.push(() => {
      for (const socket of sockets) socket.terminate();
    });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    const { port } = silent.address() as { port: number };
    const page = connect(
      { url: `http://127.0.0.1:${port}` },
      { keepAliveMs: 100, pongTimeoutMs: 100, retryDelaysMs: [50] },
    );
    await expect
      .poll(() => page.states.find((st) => st.kind === 'offline'), POLL)
      .toMatchObject({ kind: 'offline', reason: 'the service stopped answering' });
    await expect.poll(() => sockets.length, POLL).toBeGreaterThanOrEqual(2);
  });
});
