import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type TwsSimulator } from '../../src/infra/ib-simulator/tws-simulator.js';
import { BenchChild } from './bench-child.js';
import type { ServerKind } from './bench-server.js';
import type { TransportPlan } from './bench-subscription.js';
import { monotonicMs } from './monotonic-clock.js';
import { TRADED_ACCOUNT, TRADED_CONTRACT } from './position-payload.js';
import type { EndedSubscriptions } from './subscriber-pool.js';

export interface Scenario {
  readonly subscribers: number;
  /** Events the broker side sends per second, on a fixed schedule. */
  readonly perSecond: number;
  readonly events: number;
}

export interface ScenarioResult {
  readonly kind: ServerKind;
  readonly transports: TransportPlan;
  readonly subscribers: number;
  readonly expected: number;
  readonly delivered: number;
  readonly duplicates: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Deliveries divided by the time from the first send to the last arrival. */
  readonly deliveriesPerSecond: number;
  /** The send rate achieved by the broker side (should be the scenario's). */
  readonly sentPerSecond: number;
  /** Memory after a full collection: the server alone, then with every subscriber idle. */
  readonly memoryBefore: Memory;
  readonly memoryIdle: Memory;
  readonly payloadBytes: number;
  /** The longest time the server's event loop went without a turn while the measured events ran. */
  readonly longestStallMs: number;
  /** Subscriptions the server ended during the run; `firstAfterMs` counts from the first measured send. */
  readonly ended: Omit<EndedSubscriptions, 'firstAt'> & { readonly firstAfterMs: number };
  /** Our service's own count, from its /metrics once every subscriber was live (ours only). */
  readonly cohorts: CohortMetrics | undefined;
}

/** What our service's /metrics says about the subscriptions it holds. */
export interface CohortMetrics {
  readonly subscriptions: number;
  readonly cohorts: number;
  readonly sseStreams: number;
  readonly webSocketConnections: number;
}

/** Resident set, and the JS heap in use plus memory held outside it (buffers), in bytes. */
export interface Memory {
  readonly rss: number;
  readonly heap: number;
}

interface ClientReport {
  readonly delivered: number;
  readonly duplicates: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly lastArrival: number;
  readonly ended: EndedSubscriptions;
  readonly unexpected: string[];
  readonly payloadBytes: number;
}

/** Events sent one by one until every subscriber has one: then every subscription is live. */
const LIVENESS_EVENTS = 20;
/** Events sent on the scenario's schedule, and drained, before the measured ones (JIT warm-up). */
const WARMUP_EVENTS = 20;
const STALL_MS = 10_000;
const MAX_DRAIN_MS = 180_000;

/**
 * One server under one load, each party in its own process: this process plays the broker (for
 * our service, a simulated TWS whose position it trades; for the others, a publish message), the
 * server runs alone, and the subscribers share a third process. Events are sent one by one until
 * every subscriber has one (so all are live), then a few on the scenario's schedule to warm up,
 * then the measured events on the same schedule; the run waits until every delivery arrived or
 * none arrived for 10 s.
 */
export async function runScenario(
  kind: ServerKind,
  transports: TransportPlan,
  scenario: Scenario,
): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-fanout-'));
  let simulator: TwsSimulator | undefined;
  let server: BenchChild<{ url: string }> | undefined;
  let clients: BenchChild | undefined;
  try {
    let serverArgs: string[] = [kind];
    if (kind === 'ours') {
      simulator = await startSimulator();
      simulator.open(TRADED_ACCOUNT, TRADED_CONTRACT, -1, { marketPrice: 4.5 });
      serverArgs = [kind, String(simulator.port), join(dir, 'positions.duckdb')];
    }
    server = new BenchChild<{ url: string }>(`${kind} server`, './server-process.ts', serverArgs);
    const { url } = await server.ready;
    const sim = simulator;
    const target = server;
    const publish = sim
      ? (id: number) => void sim.change(TRADED_ACCOUNT, TRADED_CONTRACT.conId, id)
      : (id: number) => target.send('publish', { eventId: id });
    const memoryBefore = await server.request<Memory>('memory');

    clients = new BenchChild('subscribers', './client-process.ts', []);
    await clients.ready;
    const capacity = LIVENESS_EVENTS + WARMUP_EVENTS + scenario.events;
    await clients.request('connect', { url, count: scenario.subscribers, capacity, transports });
    const live = await untilAllLive(clients, publish, scenario.subscribers);
    const cohorts = kind === 'ours' ? await cohortMetrics(url) : undefined;
    await sleep(1000);
    const memoryIdle = await server.request<Memory>('memory');

    const counter = clients;
    const deliveredBetween = (from: number, to: number) => () =>
      counter.request<number>('delivered', { from, to });
    await sendOnSchedule(publish, live + 1, live + WARMUP_EVENTS, scenario.perSecond);
    await drain(deliveredBetween(live + 1, live + WARMUP_EVENTS), WARMUP_EVENTS * scenario.subscribers);

    await server.request('loop-reset');
    const first = live + WARMUP_EVENTS + 1;
    const last = first + scenario.events - 1;
    const sentAt = await sendOnSchedule(publish, first, last, scenario.perSecond);
    const expected = scenario.events * scenario.subscribers;
    await drain(deliveredBetween(first, last), expected);
    const loop = await server.request<{ maxMs: number }>('loop');
    const report = await clients.request<ClientReport>('report', { sentAt: [...sentAt] });
    if (report.unexpected.length > 0)
      throw new Error(`unexpected messages: ${report.unexpected.join(' | ')}`);
    const firstSent = sentAt.get(first) as number;
    const lastSent = sentAt.get(last) as number;
    return {
      kind,
      transports,
      subscribers: scenario.subscribers,
      expected,
      delivered: report.delivered,
      duplicates: report.duplicates,
      p50: report.p50,
      p99: report.p99,
      max: report.max,
      deliveriesPerSecond: (report.delivered / (report.lastArrival - firstSent)) * 1000,
      sentPerSecond: ((scenario.events - 1) / (lastSent - firstSent)) * 1000,
      memoryBefore,
      memoryIdle,
      payloadBytes: report.payloadBytes,
      ended: {
        ...report.ended,
        firstAfterMs: report.ended.count > 0 ? report.ended.firstAt - firstSent : Number.NaN,
      },
      longestStallMs: loop.maxMs,
      cohorts,
    };
  } finally {
    await clients?.stop();
    await server?.stop();
    await simulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads our service's /metrics (next to the GraphQL endpoint at `url`) as a Prometheus scraper would. */
async function cohortMetrics(url: string): Promise<CohortMetrics> {
  const text = await (await fetch(new URL('/metrics', url.replace(/^ws/, 'http')))).text();
  const value = (series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    if (line === undefined) throw new Error(`/metrics has no ${series}`);
    return Number(line.slice(series.length + 1));
  };
  return {
    subscriptions: value('sentinel_active_subscriptions'),
    cohorts: value('sentinel_subscription_cohorts'),
    sseStreams: value('sentinel_sse_streams'),
    webSocketConnections: value('sentinel_websocket_connections'),
  };
}

/** Sends events one by one until one reaches every subscriber; returns that event's id. */
async function untilAllLive(clients: BenchChild, publish: (id: number) => void, subscribers: number) {
  for (let id = 1; id <= LIVENESS_EVENTS; id++) {
    publish(id);
    const until = monotonicMs() + 3000;
    while (monotonicMs() < until) {
      if ((await clients.request<number>('seen', { eventId: id })) === subscribers) return id;
      await sleep(50);
    }
  }
  throw new Error(`after ${LIVENESS_EVENTS} events, some of ${subscribers} subscribers had none`);
}

/** Sends events first..last at a fixed rate; each send time is taken just before the send. */
async function sendOnSchedule(publish: (id: number) => void, first: number, last: number, perSecond: number) {
  const sentAt = new Map<number, number>();
  const start = monotonicMs();
  for (let id = first; id <= last; id++) {
    const due = start + ((id - first) * 1000) / perSecond;
    const wait = due - monotonicMs();
    if (wait > 1) await sleep(wait);
    sentAt.set(id, monotonicMs());
    publish(id);
  }
  return sentAt;
}

/** Waits until `expected` deliveries arrived, none arrived for STALL_MS, or MAX_DRAIN_MS passed. */
async function drain(delivered: () => Promise<number>, expected: number): Promise<void> {
  const started = monotonicMs();
  let seen = -1;
  let lastProgress = started;
  while (monotonicMs() - started < MAX_DRAIN_MS) {
    const now = await delivered();
    if (now >= expected) return;
    if (now > seen) {
      seen = now;
      lastProgress = monotonicMs();
    } else if (monotonicMs() - lastProgress > STALL_MS) {
      return;
    }
    await sleep(250);
  }
}
