export type Labels = Readonly<Record<string, string>>;

interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly samples: () => readonly Sample[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

/**
 * Metrics in the Prometheus text format. Counters count as events happen; gauges are read from
 * their owners at scrape time, so nothing has to remember to update them.
 */
export class PrometheusRegistry {
  readonly #families: Family[] = [];

  counter(name: string, help: string): Counter {
    const values = new Map<string, Sample>();
    this.#add({ name, help, type: 'counter', samples: () => [...values.values()] });
    return {
      inc(labels = {}, by = 1) {
        const id = labelText(labels);
        values.set(id, { labels, value: (values.get(id)?.value ?? 0) + by });
      },
    };
  }

  /** A counter whose owner keeps the count: read at scrape time, like a gauge, typed as a counter. */
  observedCounter(name: string, help: string, read: () => number): void {
    this.#add({ name, help, type: 'counter', samples: () => [{ labels: {}, value: read() }] });
  }

  gauge(name: string, help: string, read: () => number | readonly Sample[]): void {
    this.#add({
      name,
      help,
      type: 'gauge',
      samples: () => {
        const value = read();
        return typeof value === 'number' ? [{ labels: {}, value }] : value;
      },
    });
  }

  render(): string {
    const lines: string[] = [];
    for (const family of this.#families) {
      lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
      for (const sample of family.samples())
        lines.push(`${family.name}${labelText(sample.labels)} ${format(sample.value)}`);
    }
    return `${lines.join('\n')}\n`;
  }

  #add(family: Family): void {
    if (this.#families.some((f) => f.name === family.name))
      throw new Error(`metric ${family.name} registered twice`);
    this.#families.push(family);
  }
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const quoted = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `{${entries.map(([k, v]) => `${k}="${quoted(v)}"`).join(',')}}`;
}

function format(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
