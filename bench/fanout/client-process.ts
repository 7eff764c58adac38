import { sortedPercentile } from '../bench-kit.js';
import { type ChannelMessage, serveChannel } from './bench-child.js';
import type { TransportPlan } from './bench-subscription.js';
import { SubscriberPool } from './subscriber-pool.js';

// The subscribers, in their own process so that they do not share the server's event loop.
let pool: SubscriberPool | undefined;

function current(): SubscriberPool {
  if (!pool) throw new Error('no subscribers: send "connect" first');
  return pool;
}

serveChannel(
  {},
  async (message: ChannelMessage) => {
    switch (message.type) {
      case 'connect': {
        pool = new SubscriberPool(
          String(message.url),
          Number(message.count),
          Number(message.capacity),
          message.transports as TransportPlan,
        );
        await pool.connect();
        return pool.count;
      }
      case 'seen':
        return current().seenBy(Number(message.eventId));
      case 'delivered':
        return current().delivered(Number(message.from), Number(message.to));
      case 'report': {
        const report = current().report(new Map(message.sentAt as [number, number][]));
        const at = (p: number) => sortedPercentile(report.latencies, p);
        return {
          delivered: report.delivered,
          duplicates: report.duplicates,
          p50: at(50),
          p99: at(99),
          max: report.latencies.at(-1) ?? Number.NaN,
          firstArrival: report.firstArrival,
          lastArrival: report.lastArrival,
          ended: report.ended,
          unexpected: current().unexpected.slice(0, 3),
          payloadBytes: current().payloadBytes,
        };
      }
      default:
        throw new Error(`unknown request "${message.type}"`);
    }
  },
  async () => {
    await pool?.close();
  },
);
