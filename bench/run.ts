import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alertsBenchmark } from './alerts.bench.js';
import type { Benchmark } from './bench-kit.js';
import { fanoutBenchmark, latencyBenchmark } from './fanout.bench.js';
import { reconcileBenchmark } from './reconcile.bench.js';
import { reconcileHistoryBenchmark } from './reconcile-history.bench.js';
import { writerBenchmark } from './writer.bench.js';

// Benchmarks run one after another in this process, each comparing our path with its baseline in
// the same run. `npm run bench -- <word>` runs only the benchmarks whose title contains the word.
const benchmarks: readonly Benchmark[] = [
  reconcileBenchmark,
  reconcileHistoryBenchmark,
  writerBenchmark,
  latencyBenchmark,
  fanoutBenchmark,
  alertsBenchmark,
];

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const startedAt = new Date();
const loadAtStart = load();
const freeAtStart = freemem();

function machine(): string {
  const cpu = cpus();
  const minutes = ((Date.now() - startedAt.getTime()) / 60_000).toFixed(1);
  return [
    `- Date: ${startedAt.toISOString()} (the run took ${minutes} min)`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freeAtStart / 2 ** 30).toFixed(1)} GiB free at start)`,
    `- OS: ${platform()} ${release()}`,
    `- Node.js: ${process.version}`,
    `- Load average (1, 5, 15 min): ${loadAtStart} at start, ${load()} at the end`,
  ].join('\n');
}

// Every benchmark shares the machine with whatever else runs: say so before numbers are trusted.
if ((loadavg()[0] ?? 0) > cpus().length / 2) {
  process.stderr.write(
    `warning: load average ${loadAtStart} on ${cpus().length} cores; other work will distort the numbers\n`,
  );
}

const filter = process.argv.slice(2).join(' ').toLowerCase();
const selected = benchmarks.filter((b) => b.title.toLowerCase().includes(filter));
const sections: string[] = [];
for (const benchmark of selected) {
  process.stdout.write(`▶ ${benchmark.title}\n`);
  const section = await benchmark.run();
  process.stdout.write(`${section}\n\n`);
  sections.push(`## ${benchmark.title}\n\n${section}`);
}

// A partial run only prints: bench/results.md always holds one complete run.
if (!filter) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results.md');
  const header = `# Benchmark results\n\nProduced by \`npm run bench\`.\n\n${machine()}`;
  writeFileSync(out, `${header}\n\n${sections.join('\n\n')}\n`);
  process.stdout.write('wrote bench/results.md\n');
}
