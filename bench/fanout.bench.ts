import { type Benchmark, formatNumber, table } from './bench-kit.js';
import { SERVER_NAMES, type ServerKind } from './fanout/bench-server.js';
import type { TransportPlan } from './fanout/bench-subscription.js';
import { runScenario, type Scenario, type ScenarioResult } from './fanout/fanout-scenario.js';

/** One row: a server, and how its subscribers reach it. */
interface Run {
  readonly kind: ServerKind;
  readonly transports: TransportPlan;
}

const OURS_OVER_WEBSOCKET: Run = { kind: 'ours', transports: 'websocket' };
const OURS_OVER_SSE: Run = { kind: 'ours', transports: 'sse' };
const BASELINES: readonly Run[] = [
  { kind: 'bare-yoga', transports: 'websocket' },
  { kind: 'raw-ws', transports: 'websocket' },
];

function runName(run: Run, subscribers: number): string {
  if (run.kind !== 'ours') return SERVER_NAMES[run.kind];
  const half = (subscribers / 2).toLocaleString('en-US');
  const over = { websocket: 'WebSocket', sse: 'SSE', mixed: `${half} SSE + ${half} WebSocket` };
  return `${SERVER_NAMES.ours}, ${over[run.transports]}`;
}

/** Every run under the same scenario, one after another, with the same subscribers and payloads. */
async function runAll(runs: readonly Run[], scenario: Scenario): Promise<Map<Run, ScenarioResult>> {
  const results = new Map<Run, ScenarioResult>();
  for (const run of runs) {
    process.stdout.write(
      `  ${run.kind} (${run.transports}): ${scenario.subscribers} subscribers, ${scenario.perSecond} events/s\n`,
    );
    results.set(run, await runScenario(run.kind, run.transports, scenario));
  }
  return results;
}

function rawOf(results: Map<Run, ScenarioResult>): ScenarioResult {
  return [...results.values()].find((r) => r.kind === 'raw-ws') as ScenarioResult;
}

const ms = (v: number) => formatNumber(v);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function setup(s: Scenario): string {
  const demanded = (s.subscribers * s.perSecond).toLocaleString('en-US');
  return (
    `${s.subscribers.toLocaleString('en-US')} subscribers (each on a connection of its own, a graphql-ws socket or an SSE ` +
    `response, in a separate process from the server), ${s.events} events sent at ${s.perSecond}/s ` +
    `(${demanded} deliveries/s demanded).`
  );
}

function failuresNote(results: Map<Run, ScenarioResult>): string[] {
  const lines: string[] = [];
  for (const [run, r] of results) {
    const kind = runName(run, r.subscribers);
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
  "event over IPC. SSE subscribers subscribe as a browser's EventSource does (GET with",
  '`accept: text/event-stream`), one HTTP connection each. Latency runs from the moment the benchmark',
  "process sends (trades, for ours) to the moment a subscriber's `next` runs (for SSE, once the event is",
  "parsed), both read from the machine's monotonic clock. The longest stall is",
  "the longest time the server's event loop went without a turn during the measured events (Node's",
  'event-loop delay monitor): meanwhile the server reads nothing (new events, pongs) and runs no timer.',
];

/** SSE at the WebSocket's rate: every delivery, p99 within 2× of ours over WebSocket, one cohort when mixed. */
function targetNote(
  sse: ScenarioResult | undefined,
  mixed: ScenarioResult | undefined,
  overWebSocket: ScenarioResult,
): string {
  const verdict = (r: ScenarioResult | undefined) => {
    if (!r) return 'not run';
    const all = r.delivered === r.expected;
    const within = r.p99 <= 2 * overWebSocket.p99;
    const delivered = all
      ? 'everything delivered'
      : `${(r.expected - r.delivered).toLocaleString('en-US')} not delivered`;
    return `${delivered}, p99 ${ratio(r.p99, overWebSocket.p99)} (${all && within ? 'met' : 'not met'})`;
  };
  const counts = mixed?.cohorts;
  const shared = counts
    ? `; ${counts.cohorts} cohort${counts.cohorts === 1 ? '' : 's'} for its ${counts.subscriptions} subscriptions`
    : '';
  return (
    'Target: over SSE, every delivery with a p99 within 2× of ours over WebSocket. ' +
    `SSE: ${verdict(sse)}. Mixed: ${verdict(mixed)}${shared}.`
  );
}

export const latencyBenchmark: Benchmark = {
  title: 'Broker event to subscriber latency',
  async run() {
    const scenario: Scenario = { subscribers: 100, perSecond: 20, events: 200 };
    const results = await runAll([OURS_OVER_WEBSOCKET, OURS_OVER_SSE, ...BASELINES], scenario);
    const raw = rawOf(results);
    return [
      setup(scenario),
      '',
      table(
        ['server', 'p50 (ms)', 'p99 (ms)', 'max (ms)', 'p99 / raw ws p99', 'delivered', 'longest stall (ms)'],
        [...results].map(([run, r]) => [
          runName(run, r.subscribers),
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
    const mixed: Run = { kind: 'ours', transports: 'mixed' };
    const results = await runAll([OURS_OVER_WEBSOCKET, OURS_OVER_SSE, mixed, ...BASELINES], scenario);
    const raw = rawOf(results);
    const oursOverWebSocket = results.get(OURS_OVER_WEBSOCKET) as ScenarioResult;
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
          'p99 / ours over WebSocket p99',
          'not delivered',
          'longest stall (ms)',
          'payload (bytes)',
        ],
        [...results].map(([run, r]) => [
          runName(run, r.subscribers),
          r.sentPerSecond,
          r.deliveriesPerSecond,
          ratio(r.deliveriesPerSecond, raw.deliveriesPerSecond),
          ms(r.p50),
          ms(r.p99),
          ratio(r.p99, oursOverWebSocket.p99),
          (r.expected - r.delivered).toLocaleString('en-US'),
          ms(r.longestStallMs),
          String(r.payloadBytes),
        ]),
      ),
      '',
      targetNote(results.get(OURS_OVER_SSE), results.get(mixed), oursOverWebSocket),
      '',
      'Deliveries/s is every delivery divided by the time from the first send to the last arrival; a server',
      'that keeps up shows the demanded rate, one that does not queues the rest and drains it after the last',
      'send, which is what its latency shows. A run ends when every delivery arrived or none came for 10 s.',
      ...failuresNote(results),
      '',
      'Our service counts, on its /metrics once every subscriber of a run was live, the subscriptions it',
      'holds and the cohorts that serve them (identical subscriptions share one execution per event,',
      'whichever transport they came by):',
      '',
      table(
        ['run', 'active subscriptions', 'cohorts', 'SSE streams', 'WebSocket connections'],
        [...results]
          .filter(([, r]) => r.cohorts !== undefined)
          .map(([run, r]) => [
            runName(run, r.subscribers),
            String(r.cohorts?.subscriptions),
            String(r.cohorts?.cohorts),
            String(r.cohorts?.sseStreams),
            String(r.cohorts?.webSocketConnections),
          ]),
      ),
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
        [...results].map(([run, r]) => [
          runName(run, r.subscribers),
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
