import { type Benchmark, formatNumber, table } from './bench-kit.js';
import { SERVER_KINDS, SERVER_NAMES, type ServerKind } from './fanout/bench-server.js';
import { runScenario, type Scenario, type ScenarioResult } from './fanout/fanout-scenario.js';

/** Every server under the same scenario, one after another, with the same subscribers and payloads. */
async function runAll(scenario: Scenario): Promise<Map<ServerKind, ScenarioResult>> {
  const results = new Map<ServerKind, ScenarioResult>();
  for (const kind of SERVER_KINDS) {
    process.stdout.write(`  ${kind}: ${scenario.subscribers} subscribers, ${scenario.perSecond} events/s\n`);
    results.set(kind, await runScenario(kind, scenario));
  }
  return results;
}

const ms = (v: number) => formatNumber(v);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function setup(s: Scenario): string {
  const demanded = (s.subscribers * s.perSecond).toLocaleString('en-US');
  return (
    `${s.subscribers.toLocaleString('en-US')} subscribers (one graphql-ws socket each, in a separate process from the ` +
    `server), ${s.events} events sent at ${s.perSecond}/s (${demanded} deliveries/s demanded).`
  );
}

function failuresNote(results: Map<ServerKind, ScenarioResult>): string[] {
  const lines: string[] = [];
  for (const [kind, r] of results) {
    const { count, early, firstAfterMs, reasons } = r.ended;
    if (count > 0) {
      const why = Object.entries(reasons)
        .map(([reason, n]) => `${n} × ${reason}`)
        .join(', ');
      lines.push(
        `- ${kind}: ${count} of ${r.subscribers} subscriptions ended by the server (${why}), the first ` +
          `${(firstAfterMs / 1000).toFixed(1)} s after the first measured send; ${early} of them before ` +
          'their last event arrived.',
      );
    }
    if (r.duplicates > 0) lines.push(`- ${kind}: ${r.duplicates} event(s) delivered twice to a subscriber.`);
  }
  if (lines.length === 0) return [];
  return [
    '',
    'Subscriptions lost during the run:',
    ...lines,
    '',
    "A close with 1006 is graphql-ws's keep-alive giving up: the server pings every 12 s and terminates a",
    'socket whose pong it has not read 12 s later. After a long stall those timers fire before the pongs',
    'waiting in the sockets are read.',
  ];
}

const COMMON_NOTES = [
  'Servers: **ours** is the whole service (`startSentinel`, as `serve` runs it) connected to a simulated',
  'TWS in the benchmark process, which trades one position to quantity n for event n: every event crosses',
  'the TWS protocol, the IB adapter, the writer and the API. **bare yoga** is graphql-yoga with one',
  'subscription field fed by its pubsub, graphql-ws executing through its envelop (the documented recipe).',
  '**raw ws** speaks just enough graphql-transport-ws for the same clients and writes each event, serialized',
  'once, to every socket: the ceiling of the runtime. For the last two the benchmark process sends each',
  'event over IPC. Latency runs from the moment the benchmark process sends (trades, for ours) to the',
  "moment a subscriber's `next` runs, both read from the machine's monotonic clock. The longest stall is",
  "the longest time the server's event loop went without a turn during the measured events (Node's",
  'event-loop delay monitor): meanwhile the server reads nothing (new events, pongs) and runs no timer.',
];

export const latencyBenchmark: Benchmark = {
  title: 'Broker event to subscriber latency',
  async run() {
    const scenario: Scenario = { subscribers: 100, perSecond: 20, events: 200 };
    const results = await runAll(scenario);
    const raw = results.get('raw-ws') as ScenarioResult;
    return [
      setup(scenario),
      '',
      table(
        ['server', 'p50 (ms)', 'p99 (ms)', 'max (ms)', 'p99 / raw ws p99', 'delivered', 'longest stall (ms)'],
        [...results].map(([kind, r]) => [
          SERVER_NAMES[kind],
          ms(r.p50),
          ms(r.p99),
          ms(r.max),
          ratio(r.p99, raw.p99),
          `${r.delivered.toLocaleString('en-US')} of ${r.expected.toLocaleString('en-US')}`,
          ms(r.longestStallMs),
        ]),
      ),
      ...failuresNote(results),
      '',
      ...COMMON_NOTES,
    ].join('\n');
  },
};

export const fanoutBenchmark: Benchmark = {
  title: 'Subscription fan-out and memory',
  async run() {
    const scenario: Scenario = { subscribers: 1000, perSecond: 50, events: 500 };
    const results = await runAll(scenario);
    const raw = results.get('raw-ws') as ScenarioResult;
    const perSubscriberKiB = (r: ScenarioResult) =>
      ((r.memoryIdle.rss - r.memoryBefore.rss) / scenario.subscribers / 1024).toFixed(1);
    const heapPerSubscriberKiB = (r: ScenarioResult) =>
      ((r.memoryIdle.heap - r.memoryBefore.heap) / scenario.subscribers / 1024).toFixed(1);
    return [
      setup(scenario),
      '',
      table(
        [
          'server',
          'sent/s',
          'deliveries/s',
          'vs raw ws',
          'p50 (ms)',
          'p99 (ms)',
          'not delivered',
          'longest stall (ms)',
          'payload (bytes)',
        ],
        [...results].map(([kind, r]) => [
          SERVER_NAMES[kind],
          r.sentPerSecond,
          r.deliveriesPerSecond,
          ratio(r.deliveriesPerSecond, raw.deliveriesPerSecond),
          ms(r.p50),
          ms(r.p99),
          (r.expected - r.delivered).toLocaleString('en-US'),
          ms(r.longestStallMs),
          String(r.payloadBytes),
        ]),
      ),
      '',
      'Deliveries/s is every delivery divided by the time from the first send to the last arrival; a server',
      'that keeps up shows the demanded rate, one that does not queues the rest and drains it after the last',
      'send, which is what its latency shows. A run ends when every delivery arrived or none came for 10 s.',
      ...failuresNote(results),
      '',
      '### Resident memory with 1,000 idle subscriptions',
      '',
      'Measured in the server process after two full garbage collections: alone, then once every subscriber',
      'had received a warm-up event and the server had been idle for a second.',
      '',
      table(
        [
          'server',
          'RSS alone (MiB)',
          'RSS with 1,000 idle (MiB)',
          'RSS per subscription (KiB)',
          'heap + external per subscription (KiB)',
        ],
        [...results].map(([kind, r]) => [
          SERVER_NAMES[kind],
          mib(r.memoryBefore.rss),
          mib(r.memoryIdle.rss),
          perSubscriberKiB(r),
          heapPerSubscriberKiB(r),
        ]),
      ),
      '',
      'Servers, clock and stall as described under the latency benchmark above.',
    ].join('\n');
  },
};
