import { formatDuration, formatTime } from './format.js';
import type { RunPartsFragment } from './gql/graphql.js';
import { CHART, runChartGeometry } from './run-chart-geometry.js';

/**
 * Recent runs, oldest on the left: discrepancies found (bars, coloured by the worst severity found) in the
 * upper band and how long each run took (line) in the lower one.
 */
export function RunChart(props: { readonly runs: readonly RunPartsFragment[] }) {
  if (props.runs.length === 0) return null;
  const g = runChartGeometry(props.runs);
  const first = g.columns[0]?.run;
  const last = g.columns.at(-1)?.run;
  return (
    <figure class="run-chart" data-testid="run-chart">
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        role="img"
        aria-label={`Discrepancies and duration of the last ${g.columns.length} runs`}
      >
        <text x={g.left - 6} y={g.countBand.top + 8} class="axis" text-anchor="end" data-axis="count">
          {g.maxCount}
        </text>
        <text x={g.left - 6} y={g.countBand.bottom} class="axis" text-anchor="end">
          0
        </text>
        <line
          x1={g.left}
          x2={g.width - CHART.right}
          y1={g.countBand.bottom}
          y2={g.countBand.bottom}
          class="baseline"
        />
        {g.columns.map((c) => (
          <rect
            key={c.run.id}
            x={c.x}
            y={c.barY}
            width={c.width}
            height={c.barHeight}
            class={`bar ${c.tone}`}
            data-run={c.run.id}
          >
            <title>
              {formatTime(c.run.startedAt)} {c.run.trigger.toLowerCase()}: {c.run.summary} in{' '}
              {formatDuration(c.run.durationMs)}
            </title>
          </rect>
        ))}
        <text x={g.left - 6} y={g.durationBand.top + 8} class="axis" text-anchor="end" data-axis="duration">
          {g.maxDurationLabel}
        </text>
        <line
          x1={g.left}
          x2={g.width - CHART.right}
          y1={g.durationBand.bottom}
          y2={g.durationBand.bottom}
          class="baseline"
        />
        <path d={g.durationPath} class="duration" />
        {g.columns.map((c) => (
          <circle key={c.run.id} cx={c.x + c.width / 2} cy={c.durationY} r={2} class="duration-point" />
        ))}
        {first && (
          <text x={g.left} y={g.height - 2} class="axis">
            {formatTime(first.startedAt)}
          </text>
        )}
        {last && last !== first && (
          <text x={g.width - CHART.right} y={g.height - 2} class="axis" text-anchor="end">
            {formatTime(last.startedAt)}
          </text>
        )}
      </svg>
      <figcaption>
        <span class="legend bar-legend critical" /> critical <span class="legend bar-legend warning" /> other
        discrepancies <span class="legend bar-legend clean" /> clean <span class="legend line-legend" />{' '}
        duration · {g.columns.length === 1 ? 'the latest run' : `last ${g.columns.length} runs`}
      </figcaption>
    </figure>
  );
}
