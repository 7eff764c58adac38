import { formatDuration, formatEnum, formatTime } from './format.js';
import type { RunPartsFragment, StatusPartsFragment } from './gql/graphql.js';
import { RunChart } from './run-chart.js';

/** The latest run in words, the button to run one now, and the recent history as a chart. */
export function RunPanel(props: {
  readonly runs: readonly RunPartsFragment[];
  readonly reconciliation: StatusPartsFragment['reconciliation'] | null;
  readonly disabledReason: string | null;
  readonly reconciling: boolean;
  readonly onReconcile: () => void;
  readonly error: string | null;
}) {
  const latest = props.runs[0];
  const schedule = props.reconciliation;
  const running = props.reconciling || (schedule?.running ?? false);
  return (
    <section class="panel runs" aria-labelledby="runs-title">
      <div class="panel-header">
        <h2 id="runs-title">Reconciliation</h2>
        <button
          type="button"
          class="primary"
          disabled={props.disabledReason !== null || props.reconciling}
          title={props.disabledReason ?? 'Compare the store with the broker now'}
          onClick={props.onReconcile}
        >
          {running ? 'Reconciling…' : 'Reconcile now'}
        </button>
        {props.disabledReason && (
          <span class="hint" data-testid="reconcile-disabled-reason">
            {props.disabledReason}
          </span>
        )}
        {schedule && (
          <span class="muted schedule">
            every {formatDuration(schedule.intervalMs)}
            {schedule.nextRunAt && !schedule.running && ` · next at ${formatTime(schedule.nextRunAt)}`}
          </span>
        )}
      </div>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <div class="run-body">
        {latest ? (
          <div class={`latest-run status-${latest.status.toLowerCase()}`} data-testid="latest-run">
            <strong class="run-status">{formatEnum(latest.status)}</strong>{' '}
            <span class="run-summary">{latest.summary}</span>{' '}
            <span class="muted">
              {formatEnum(latest.trigger)} run at {formatTime(latest.startedAt)}, took{' '}
              {formatDuration(latest.durationMs)}
              {latest.deferredCount > 0 && ` · ${latest.deferredCount} deferred (traded just before)`}
            </span>
            {latest.caughtUpCount > 0 && (
              <span class="caught-up" data-testid="caught-up">
                {' '}
                caught up: {latest.caughtUpCount} position{latest.caughtUpCount === 1 ? '' : 's'} changed
                while {latest.trigger === 'STARTUP' ? 'the service was stopped' : 'disconnected'}
              </span>
            )}
            {latest.loadedCount > 0 && (
              <span class="muted">
                {' '}
                · {latest.loadedCount} loaded into a store that held nothing for their account
              </span>
            )}
            {latest.error && <span class="error"> {latest.error}</span>}
          </div>
        ) : (
          <p class="latest-run muted">No run yet.</p>
        )}
        <RunChart runs={props.runs} />
      </div>
    </section>
  );
}
