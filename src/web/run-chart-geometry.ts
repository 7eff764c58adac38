import { formatDuration } from './format.js';
import type { RunPartsFragment } from './gql/graphql.js';

/** Where each run of the chart goes: one column per run, oldest on the left. */
export interface RunChartGeometry {
  readonly width: number;
  readonly height: number;
  /** Where the plot starts: right of the widest axis label, so no label is cut at the edge. */
  readonly left: number;
  readonly countBand: Band;
  readonly durationBand: Band;
  /**
   * The count axis' top value: a round number at least the largest count and at least
   * MIN_COUNT_AXIS, so a run with one discrepancy is a short bar, not a full-height block.
   */
  readonly maxCount: number;
  /** The duration axis' top value in ms: a round number at least the longest run. */
  readonly maxDurationMs: number;
  /** The duration axis' top value as written on the axis: `500 ms`, `2 s`. */
  readonly maxDurationLabel: string;
  readonly columns: readonly RunColumn[];
  /** SVG path of the durations, one point per run. */
  readonly durationPath: string;
}

export interface Band {
  readonly top: number;
  readonly bottom: number;
}

export interface RunColumn {
  readonly run: RunPartsFragment;
  readonly x: number;
  readonly width: number;
  /** The discrepancy bar: a clean run gets a sliver so every run shows. */
  readonly barY: number;
  readonly barHeight: number;
  readonly tone: 'clean' | 'warning' | 'critical' | 'failed';
  readonly durationY: number;
}

export const CHART = { width: 640, height: 150, right: 8, top: 8, gap: 18, bottom: 16 } as const;
export const MIN_COUNT_AXIS = 5;
const CLEAN_SLIVER = 2;
/** Room per character of a 10-unit axis label (wider than a digit, so an estimate errs wide). */
const LABEL_CHAR_WIDTH = 6.5;
/** Between an axis label's end and the plot. */
const LABEL_GAP = 6;

/** Lays out `runs` (newest first, as the page keeps them) for the chart. */
export function runChartGeometry(runs: readonly RunPartsFragment[]): RunChartGeometry {
  const ordered = [...runs].reverse();
  const plotHeight = CHART.height - CHART.top - CHART.bottom - CHART.gap;
  const countBand = { top: CHART.top, bottom: CHART.top + Math.round(plotHeight * 0.6) };
  const durationBand = { top: countBand.bottom + CHART.gap, bottom: CHART.height - CHART.bottom };
  const maxCount = niceCeiling(Math.max(MIN_COUNT_AXIS, ...ordered.map((r) => r.discrepancyCount)));
  const maxDurationMs = niceCeiling(Math.max(1, ...ordered.map((r) => r.durationMs)));
  const maxDurationLabel = formatDuration(maxDurationMs);
  const widestLabel = Math.max(String(maxCount).length, maxDurationLabel.length);
  const left = Math.ceil(widestLabel * LABEL_CHAR_WIDTH) + LABEL_GAP + 2;
  const plotWidth = CHART.width - left - CHART.right;
  const step = ordered.length > 0 ? plotWidth / ordered.length : plotWidth;
  const scale = (value: number, max: number, band: Band) =>
    band.bottom - (Math.min(value, max) / max) * (band.bottom - band.top);

  const columns = ordered.map((run, i): RunColumn => {
    const top = scale(run.discrepancyCount, maxCount, countBand);
    const barHeight = Math.max(countBand.bottom - top, CLEAN_SLIVER);
    return {
      run,
      x: left + step * i + Math.min(2, step * 0.15),
      width: Math.max(1, step - 2 * Math.min(2, step * 0.15)),
      barY: countBand.bottom - barHeight,
      barHeight,
      tone: toneOf(run),
      durationY: scale(run.durationMs, maxDurationMs, durationBand),
    };
  });
  const durationPath = columns
    .map((c, i) => `${i === 0 ? 'M' : 'L'}${round(c.x + c.width / 2)},${round(c.durationY)}`)
    .join(' ');
  return {
    width: CHART.width,
    height: CHART.height,
    left,
    countBand,
    durationBand,
    maxCount,
    maxDurationMs,
    maxDurationLabel,
    columns,
    durationPath,
  };
}

function toneOf(run: RunPartsFragment): RunColumn['tone'] {
  if (run.status === 'FAILED' || run.status === 'BROKER_UNAVAILABLE') return 'failed';
  if (run.criticalCount > 0) return 'critical';
  return run.discrepancyCount > 0 ? 'warning' : 'clean';
}

/** The smallest of 1, 2 or 5 × 10^k that is at least `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) {
    const candidate = factor * magnitude;
    if (candidate >= value * (1 - 1e-12)) return Number(candidate.toPrecision(12));
  }
  return 10 * magnitude;
}

function round(n: number): string {
  return n.toFixed(1);
}
