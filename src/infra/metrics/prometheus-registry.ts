import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

const MISNAMED_PROCESS_GAUGES = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

export interface CounterMetric {
  inc(labels?: Labels, by?: number): void;
}

export interface HistogramMetric {
  observe(seconds: number, labels?: Labels): void;
}

/**
 * The product's metrics on prom-client: one registry per service (never prom-client's global
 * one, so two services in one process keep their own numbers), with Node's process metrics
 * (`process_*`, `nodejs_*`). Gauges and observed counters are read from the parts that own each
 * number at scrape time, so nothing has to remember to update them.
 */
export class PrometheusRegistry {
  readonly #registry = new Registry();

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    // The event-loop delay monitor and GC observer these install cannot be removed; they cost
    // nothing measurable and end with the process.
    if (options.processMetrics ?? true) {
      collectDefaultMetrics({ register: this.#registry });
      // Gauges named like counters break Prometheus' naming rule (promtool rejects them); the
      // same numbers stay available per type in nodejs_active_handles, _requests and _resources.
      for (const name of MISNAMED_PROCESS_GAUGES) this.#registry.removeSingleMetric(name);
    }
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): CounterMetric {
    const counter = new Counter({ name, help, labelNames, registers: [this.#registry] });
    return { inc: (labels = {}, by = 1) => counter.inc(labels, by) };
  }

  /** A counter whose owner keeps the count: read at scrape time, exposed as a counter. */
  observedCounter(name: string, help: string, read: () => number): void {
    let reported = 0;
    new Counter({
      name,
      help,
      registers: [this.#registry],
      collect() {
        // The owner's count only grows: add what it counted since the last scrape.
        const value = read();
        if (value > reported) this.inc(value - reported);
        reported = Math.max(reported, value);
      },
    });
  }

  gauge(
    name: string,
    help: string,
    read: () => number | readonly Sample[],
    labelNames: readonly string[] = [],
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.#registry],
      collect() {
        const value = read();
        if (typeof value === 'number') {
          this.set(value);
          return;
        }
        this.reset();
        for (const sample of value) this.set(sample.labels, sample.value);
      },
    });
  }

  /** Durations in seconds, as Prometheus names and expects them. */
  histogram(
    name: string,
    help: string,
    buckets: readonly number[],
    labelNames: readonly string[] = [],
  ): HistogramMetric {
    const histogram = new Histogram({
      name,
      help,
      buckets: [...buckets],
      labelNames,
      registers: [this.#registry],
    });
    return { observe: (seconds, labels = {}) => histogram.observe(labels, seconds) };
  }

  render(): Promise<string> {
    return this.#registry.metrics();
  }
}
