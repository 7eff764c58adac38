import { type BenchSubscription, subscribe, type TransportPlan, transportOf } from './bench-subscription.js';
import { monotonicMs } from './monotonic-clock.js';
import { eventIdOf, FANOUT_SUBSCRIPTION } from './position-payload.js';

const CONNECT_BATCH = 50;

export interface DeliveryReport {
  /** Events received, each (subscriber, event) counted once. */
  readonly delivered: number;
  readonly duplicates: number;
  /** Milliseconds from each event's send to its arrival, every delivery, ascending. */
  readonly latencies: Float64Array;
  readonly firstArrival: number;
  readonly lastArrival: number;
  readonly ended: EndedSubscriptions;
}

/** Subscriptions the server ended (an error or a closed socket) before the pool closed them. */
export interface EndedSubscriptions {
  readonly count: number;
  /** Of those, how many had not received every measured event. */
  readonly early: number;
  /** When the first one ended (monotonic ms), or NaN. */
  readonly firstAt: number;
  /** Each distinct reason with how many ended for it. */
  readonly reasons: Readonly<Record<string, number>>;
}

/**
 * Subscribers as separate clients (one graphql-ws socket or one SSE response each), all on the
 * fan-out subscription, recording when each event reached each of them on the machine's monotonic
 * clock.
 */
export class SubscriberPool {
  readonly #clients: BenchSubscription[] = [];
  readonly #arrivals: Float64Array[] = [];
  #duplicates = 0;
  readonly #ended = new Map<number, { at: number; reason: string }>();
  readonly #unexpected: string[] = [];
  #payloadBytes = 0;
  #closing = false;

  /** `url`: the server's graphql-ws endpoint; `capacity`: the highest event id that will be sent. */
  constructor(
    readonly url: string,
    readonly count: number,
    readonly capacity: number,
    readonly transports: TransportPlan,
  ) {}

  /** Opens every connection (a batch at a time) and resolves once each is open. */
  async connect(): Promise<void> {
    for (let first = 0; first < this.count; first += CONNECT_BATCH) {
      const batch: Promise<void>[] = [];
      for (let i = first; i < Math.min(this.count, first + CONNECT_BATCH); i++)
        batch.push(this.#subscribe(i));
      await Promise.all(batch);
    }
  }

  #subscribe(index: number): Promise<void> {
    const arrivals = new Float64Array(this.capacity + 1).fill(Number.NaN);
    this.#arrivals[index] = arrivals;
    return new Promise((resolve, reject) => {
      this.#clients[index] = subscribe(transportOf(this.transports, index), this.url, FANOUT_SUBSCRIPTION, {
        opened: () => resolve(),
        next: (result) => {
          const at = monotonicMs();
          const id = eventIdOf(result);
          if (id === undefined || id > this.capacity) {
            this.#unexpected.push(JSON.stringify(result).slice(0, 200));
            return;
          }
          if (this.#payloadBytes === 0) this.#payloadBytes = JSON.stringify(result).length;
          if (Number.isNaN(arrivals[id] as number)) arrivals[id] = at;
          else this.#duplicates++;
        },
        failed: (reason) => {
          if (!this.#closing) this.#ended.set(index, { at: monotonicMs(), reason });
          reject(new Error(reason));
        },
      });
    });
  }

  /** How many subscribers have received event `id`. */
  seenBy(id: number): number {
    let n = 0;
    for (const arrivals of this.#arrivals) if (!Number.isNaN(arrivals[id] as number)) n++;
    return n;
  }

  /** Deliveries of the events `from`..`to` so far. */
  delivered(from: number, to: number): number {
    let n = 0;
    for (const arrivals of this.#arrivals) {
      for (let id = from; id <= to; id++) if (!Number.isNaN(arrivals[id] as number)) n++;
    }
    return n;
  }

  /** Every delivery of the events sent at `sentAt` (event id → monotonic ms). */
  report(sentAt: ReadonlyMap<number, number>): DeliveryReport {
    const latencies: number[] = [];
    let firstArrival = Number.POSITIVE_INFINITY;
    let lastArrival = Number.NEGATIVE_INFINITY;
    for (const arrivals of this.#arrivals) {
      for (const [id, sent] of sentAt) {
        const at = arrivals[id] as number;
        if (Number.isNaN(at)) continue;
        latencies.push(at - sent);
        firstArrival = Math.min(firstArrival, at);
        lastArrival = Math.max(lastArrival, at);
      }
    }
    return {
      delivered: latencies.length,
      duplicates: this.#duplicates,
      latencies: Float64Array.from(latencies).sort(),
      firstArrival,
      lastArrival,
      ended: this.#endedSubscriptions(sentAt),
    };
  }

  #endedSubscriptions(sentAt: ReadonlyMap<number, number>): EndedSubscriptions {
    const reasons: Record<string, number> = {};
    let early = 0;
    let firstAt = Number.NaN;
    for (const [index, { at, reason }] of this.#ended) {
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      if (!(firstAt <= at)) firstAt = at;
      const arrivals = this.#arrivals[index] as Float64Array;
      if ([...sentAt.keys()].some((id) => Number.isNaN(arrivals[id] as number))) early++;
    }
    return { count: this.#ended.size, early, firstAt, reasons };
  }

  /** Messages that were not one of the benchmark's events (there should be none). */
  get unexpected(): readonly string[] {
    return this.#unexpected;
  }

  get payloadBytes(): number {
    return this.#payloadBytes;
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#clients.map((c) => c.close()));
  }
}
