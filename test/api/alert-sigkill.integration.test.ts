import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contract } from '../../src/domain/contract.js';
import { startSimulator } from '../../src/infra/ib-simulator/tws-simulator.js';
import { graphql } from '../gql/index.js';
import { option } from '../support/contracts.js';
import { startReceiver } from '../support/http-receiver.js';
import { ManualClock } from '../support/manual-clock.js';
import { makeTempDir } from '../support/temp-dir.js';
import { CliProcess } from './support/cli-process.js';
import { query } from './support/graphql-http.js';

const Reconcile = graphql(`
  mutation AlertKillReconcile { reconcile { status } }
`);
const Started = graphql(`
  query AlertKillStarted { status { reconciliation { lastRun { trigger } } } }
`);
const Outbox = graphql(`
  query AlertKillOutbox { alertDeliveries(first: 200) { id state kind discrepancyId } }
`);

const ACCOUNT = 'DU111111';
const FAR = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
const CONTRACTS: Contract[] = [0, 1, 2, 3, 4].map((i) =>
  option(820_001 + i, 'SPY', FAR, 600 + 10 * i, 'CALL'),
);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('alerts survive SIGKILL', () => {
  it('killed five times between a discrepancy commit and its send: after the restarts every alert arrived, duplicates carry the same key', {
    timeout: 240_000,
  }, async () => {
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: new ManualClock(new Date()) });
    cleanups.push(() => sim.stop());
    sim.setPrices(CONTRACTS.map((c) => [c.conId, 5] as const));
    for (const c of CONTRACTS) sim.open(ACCOUNT, c, 10);
    let hang = false;
    const webhook = await startReceiver(() => (hang ? 'no answer' : { status: 200, body: 'ok' }));
    cleanups.push(() => webhook.close());
    const folder = makeTempDir('sentinel-alert-kill-');
    cleanups.push(() => folder.remove());
    const secretFile = join(folder.path, 'webhook-secret');
    writeFileSync(secretFile, 'whsec-kill-test-0123456789\n');
    const args = [
      'serve',
      '--port=0',
      `--db=${join(folder.path, 'positions.duckdb')}`,
      `--ib-port=${sim.port}`,
      '--quiet-window-ms=0',
      '--reconcile-interval-ms=3600000',
      '--alert-route=webhook',
      // A request the receiver leaves unanswered fails soon, so the worker moves on to the others.
      '--alert-timeout-ms=2000',
      `--alert-webhook-url=${webhook.url}/hook`,
      `--alert-webhook-secret-file=${secretFile}`,
    ];
    const start = async () => {
      const serve = new CliProcess(args);
      cleanups.push(() => serve.dispose());
      const url = String((await serve.untilLog('API listening', 60_000)).graphql);
      await expect
        .poll(async () => (await query(url, Started)).status.reconciliation.lastRun?.trigger, {
          timeout: 30_000,
          interval: 50,
        })
        .toBe('STARTUP');
      return { serve, url };
    };
    const openedFor = (conId: number, answered = false) =>
      webhook.requests.some((r) => {
        if (answered && r.status !== 200) return false;
        const body = JSON.parse(r.body) as {
          type: string;
          discrepancy: { contract: { conId: number } } | null;
        };
        return body.type === 'discrepancy.opened' && body.discrepancy?.contract.conId === conId;
      });

    for (const [i, contract] of CONTRACTS.entries()) {
      const { serve, url } = await start();
      hang = i % 2 === 0;
      // The previous drift goes back and a new one comes: a resolution and an opening in one run.
      const previous = CONTRACTS[i - 1];
      if (previous) sim.silently.change(ACCOUNT, previous.conId, 10);
      sim.silently.change(ACCOUNT, contract.conId, 7);
      await query(url, Reconcile);
      // Killed with the alert's request in flight (the receiver does not answer), or right after the
      // commit, before the worker may have claimed it.
      if (hang) await expect.poll(() => openedFor(contract.conId), { timeout: 60_000 }).toBe(true);
      serve.kill('SIGKILL');
      expect(await serve.exited).toEqual({ code: null, signal: 'SIGKILL' });
    }

    hang = false;
    const { serve, url } = await start();
    const accepted = () =>
      new Set(webhook.accepted().map((r) => String(r.request.headers['idempotency-key'])));
    let deliveries: { id: string; state: string; kind: string; discrepancyId: string | null }[] = [];
    await expect
      .poll(
        async () => {
          deliveries = [...(await query(url, Outbox)).alertDeliveries];
          return deliveries.length > 0 && deliveries.every((d) => d.state === 'SENT');
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe(true);

    // Every drift's opening reached the receiver, whichever moment its process died at.
    for (const c of CONTRACTS) expect(openedFor(c.conId, true), `opening of ${c.conId}`).toBe(true);
    // Every alert the outbox holds arrived at least once, and nothing arrived that it does not hold.
    const keys = accepted();
    const expected = new Set(deliveries.map((d) => d.id.slice(d.id.indexOf('/') + 1)));
    expect(keys).toEqual(expected);
    // A copy sent twice is the same alert: one body per key (but the dashboard's link, which names
    // the port each restart picked).
    const bodies = new Map<string, Set<string>>();
    for (const r of webhook.requests) {
      const key = String(r.headers['idempotency-key']);
      const { dashboardUrl: _link, ...body } = JSON.parse(r.body) as Record<string, unknown>;
      bodies.set(key, (bodies.get(key) ?? new Set()).add(JSON.stringify(body)));
    }
    for (const [key, copies] of bodies) expect(copies.size, `copies of ${key}`).toBe(1);
    // The three kills with a request in flight each left an alert that was sent again.
    const requestsPerKey = new Map<string, number>();
    for (const r of webhook.requests) {
      const key = String(r.headers['idempotency-key']);
      requestsPerKey.set(key, (requestsPerKey.get(key) ?? 0) + 1);
    }
    expect([...requestsPerKey.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(3);
    // Each discrepancy's alerts arrived in their order: its opening first.
    const firstKinds = new Map<string, string[]>();
    for (const { json } of webhook.accepted()) {
      const id = String(json.dedupKey);
      const kinds = firstKinds.get(id) ?? [];
      if (!kinds.includes(String(json.type))) kinds.push(String(json.type));
      firstKinds.set(id, kinds);
    }
    for (const kinds of firstKinds.values()) {
      if (kinds.some((k) => k.startsWith('discrepancy.'))) expect(kinds[0]).toMatch(/opened|severity_raised/);
    }
    serve.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
  });
});
