import { afterEach, describe, expect, it } from 'vitest';
import { toNumber } from '../../src/infra/duckdb/duckdb-sql.js';
import { openStore } from '../../src/infra/duckdb/open-store.js';
import { graphql } from '../gql/index.js';
import { OTHER, QQQ_CALL } from '../support/standard-book.js';
import { query } from './support/graphql-http.js';
import { startServeProcess } from './support/serve-process.js';
import { Subscriber } from './support/transports.js';

const Follow = graphql(`
  subscription ApiServeFollow {
    positionUpdated { cursor position { quantity } }
  }
`);

const StoreStatus = graphql(`
  query ApiServeStoreStatus {
    status { broker { state } store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }
  }
`);

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('`position-sentinel serve` as a process', () => {
  it('SIGTERM with live WebSocket and SSE subscriptions and a full write buffer: subscriptions complete, every update is stored, exit 0', async () => {
    const { sim, db, url, serve } = await startServeProcess(
      // Nothing is written before shutdown: every update of this test waits in the buffer.
      ['--flush-interval-ms=3600000', '--quiet-window-ms=0'],
      (fn) => cleanups.push(fn),
    );

    const ws = new Subscriber('websocket', url);
    const sse = new Subscriber('sse', url);
    cleanups.push(
      () => ws.dispose(),
      () => sse.dispose(),
    );
    const overSocket = ws.subscribe(Follow);
    const overSse = sse.subscribe(Follow);
    await expect
      .poll(
        async () => {
          const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
          return /^sentinel_active_subscriptions 2$/m.test(metrics);
        },
        { timeout: 15_000 },
      )
      .toBe(true);

    const trades = [4, 5, 6, 7, 8];
    for (const quantity of trades) sim.change(OTHER, QQQ_CALL.conId, quantity);
    await overSocket.untilEvents(trades.length);
    await overSse.untilEvents(trades.length);
    const { status } = await query(url, StoreStatus);
    expect(status.store.totalUpdates).toBe(0);
    const buffered = status.store.bufferedUpdates;
    // The feed's starting book (5 updates) and the five trades, none of them written yet.
    expect(buffered).toBe(10);

    serve.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(await overSocket.untilEnded()).toEqual({ by: 'complete' });
    expect(await overSse.untilEnded()).toEqual({ by: 'complete' });
    expect(serve.stderr.join('\n')).toBe('');
    expect(serve.stdout.some((l) => l.includes('SIGTERM: shutting down'))).toBe(true);

    const store = await openStore({ path: db, readOnly: true });
    cleanups.push(() => store.close());
    const [row] = await store.read('SELECT count(*) AS n FROM position_updates');
    expect(toNumber(row?.n ?? 0)).toBe(buffered);
    const [latest] = await store.read(
      'SELECT quantity FROM position_updates WHERE account = $1 AND con_id = $2 ORDER BY sequence DESC LIMIT 1',
      [OTHER, QQQ_CALL.conId],
    );
    expect(toNumber(latest?.quantity ?? 0)).toBe(8);
  });
});
