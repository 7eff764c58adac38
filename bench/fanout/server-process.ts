import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type ChannelMessage, serveChannel } from './bench-child.js';
import type { BenchServer, ServerKind } from './bench-server.js';

// One server under test, alone in its process: `server-process.ts <kind> [ibPort db]`.
const [kind, ibPort, db] = process.argv.slice(2) as [ServerKind, string?, string?];

// Each kind loads only its own modules, so that memory is not measured with another's loaded.
async function start(): Promise<BenchServer> {
  switch (kind) {
    case 'ours':
      return (await import('./our-server.js')).startOurServer(Number(ibPort), String(db));
    case 'bare-yoga':
      return (await import('./bare-yoga-server.js')).startBareYogaServer();
    case 'raw-ws':
      return (await import('./raw-ws-server.js')).startRawWsServer();
    default:
      throw new Error(`unknown server kind "${kind}"`);
  }
}

/** Memory after full collections, so that garbage waiting to be collected does not count. */
function memory(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed + usage.external };
}

// How long the event loop went without a turn: while it does not turn, nothing is read (events,
// pongs) and no timer runs, whatever the process is busy with.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

const server = await start();
serveChannel(
  { url: server.url },
  (message: ChannelMessage) => {
    if (message.type === 'publish') return server.publish?.(Number(message.eventId));
    if (message.type === 'memory') return memory();
    if (message.type === 'loop-reset') return loopDelay.reset();
    if (message.type === 'loop') return { maxMs: loopDelay.max / 1e6, p99Ms: loopDelay.percentile(99) / 1e6 };
    throw new Error(`unknown request "${message.type}"`);
  },
  () => server.close(),
);
