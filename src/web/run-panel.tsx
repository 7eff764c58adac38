import { formatDuration, formatTime } from './format.js';
import type { RunPartsFragment } from './gql/graphql.js';

export function RunPanel(props: {
  readonly runs: readonly RunPartsFragment[];
  readonly disabledReason: string | null;
  readonly reconciling: boolean;
  readonly onReconcile: () => void;
  readonly error: string | null;
}) {
  const latest = props.runs[0];
  return (
    <section class="panel runs">
      <div class="run-header">
        <h2>Reconciliation</h2>
        <button
          type="button"
          class="primary"
          disabled={props.disabledReason !== null || props.reconciling}
          title={props.disabledReason ?? 'Run a reconciliation now'}
          onClick={props.onReconcile}
        >
          {props.reconciling ? 'Reconciling…' : 'Reconcile now'}
        </button>
        {props.disabledReason && <span class="hint">{props.disabledReason}</span>}
      </div>
      {props.error && <p class="error">{props.error}</p>}
      {latest ? (
        <p class={`summary status-${latest.status.toLowerCase()}`} data-testid="latest-run">
          <strong>{latest.status}</strong> · {latest.summary} · {latest.trigger} at{' '}
          {formatTime(latest.startedAt)} in {formatDuration(latest.durationMs)}
        </p>
      ) : (
        <p class="summary">No run yet.</p>
      )}
      <RunChart runs={props.runs} />
    </section>
  );
}

const WIDTH = 560;
const HEIGHT = 120;
const PAD = 24;

/** Discrepancies found (bars) and run duration (line) over recent runs, oldest on the left. */
function RunChart(props: { readonly runs: readonly RunPartsFragment[] }) {
  const runs = [...props.runs].reverse();
  if (runs.length < 2) return null;
  const maxCount = Math.max(1, ...runs.map((r) => r.discrepancyCount));
  const maxDuration = Math.max(1, ...runs.map((r) => r.durationMs));
  const step = (WIDTH - 2 * PAD) / runs.length;
  const y = (value: number, max: number) => HEIGHT - PAD - (value / max) * (HEIGHT - 2 * PAD);
  const line = runs
    .map(
      (r, i) =>
        `${i === 0 ? 'M' : 'L'}${(PAD + step * (i + 0.5)).toFixed(1)},${y(r.durationMs, maxDuration).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg class="run-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Recent runs">
      <title>Discrepancies found (bars) and run duration (line) over the last {runs.length} runs</title>
      {runs.map((r, i) => (
        <rect
          key={r.id}
          x={PAD + step * i + 1}
          y={y(r.discrepancyCount, maxCount)}
          width={Math.max(1, step - 2)}
          height={HEIGHT - PAD - y(r.discrepancyCount, maxCount)}
          class={r.criticalCount > 0 ? 'bar critical' : r.discrepancyCount > 0 ? 'bar warning' : 'bar clean'}
        >
          <title>
            {formatTime(r.startedAt)}: {r.summary} ({formatDuration(r.durationMs)})
          </title>
        </rect>
      ))}
      <path d={line} class="duration" />
      <text x={PAD} y={12} class="axis">
        max {maxCount} discrepancies · {formatDuration(maxDuration)}
      </text>
    </svg>
  );
}
