import { useEffect, useMemo, useState } from 'preact/hooks';
import { BookTable } from './book-table.js';
import { sortedDiscrepancies, sortedPositions } from './dashboard-state.js';
import { DiscrepancyTable } from './discrepancy-table.js';
import { request } from './graphql-http.js';
import { OfflineBanner } from './offline-banner.js';
import { AcknowledgeMutation, ReconcileMutation, ResolveMutation } from './operations.js';
import { RunPanel } from './run-panel.js';
import { StatusBar } from './status-bar.js';
import type { LiveDashboard } from './use-live-dashboard.js';
import { type VerificationWords, verificationWords } from './verification-words.js';

export const READ_ONLY_REASON = 'Read-only API key: reconciling and changing discrepancies need an admin key';
export const OFFLINE_REASON = 'Offline: waiting for the service';

/**
 * The page once it may read: status, the latest runs, open discrepancies and the book. Changes go
 * through mutations; what they change comes back on the live streams like any other change, so
 * the page shows one ordered truth.
 */
export function Dashboard(props: {
  readonly live: LiveDashboard;
  readonly apiKey: string | null;
  readonly onForgetKey: () => void;
}) {
  const { state, link } = props.live;
  const { apiKey } = props;
  const [reconciling, setReconciling] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const positions = useMemo(() => sortedPositions(state), [state.positions]);
  const discrepancies = useMemo(() => sortedDiscrepancies(state), [state.discrepancies]);
  const loaded = state.loadedAt !== null;
  const disabledReason =
    link.kind !== 'online' ? OFFLINE_REASON : state.role === 'READ' ? READ_ONLY_REASON : null;

  const verification = verificationWords(state.status, link.kind === 'online');
  useDocumentTitle(link.kind === 'online', discrepancies.length, verification);

  return (
    <div class={`dashboard ${link.kind === 'online' ? '' : 'stale'}`}>
      <StatusBar status={state.status} link={link} verification={verification} />
      <OfflineBanner link={link} loadedAt={state.loadedAt} onRetry={props.live.retryNow} />
      <main>
        <RunPanel
          runs={state.runs}
          reconciliation={state.status?.reconciliation ?? null}
          disabledReason={disabledReason}
          reconciling={reconciling}
          error={runError}
          onReconcile={async () => {
            setReconciling(true);
            setRunError(null);
            try {
              const { reconcile } = await request(ReconcileMutation, undefined, apiKey);
              // Runs are keyed and ordered by start, so this answer and the stream's copy agree.
              props.live.apply({ type: 'run', run: reconcile });
            } catch (error) {
              setRunError(`The run could not start: ${(error as Error).message}`);
            } finally {
              setReconciling(false);
            }
          }}
        />
        <DiscrepancyTable
          discrepancies={discrepancies}
          loaded={loaded}
          verification={verification}
          actions={{
            disabledReason,
            // The answer is not applied here: the discrepancy stream brings the change in order
            // with any run that touches the same row, and an older answer must not win over it.
            acknowledge: async (id, note) => {
              await request(AcknowledgeMutation, { id, note }, apiKey);
            },
            resolve: async (id, note) => {
              await request(ResolveMutation, { id, note }, apiKey);
            },
          }}
        />
        <BookTable positions={positions} loaded={loaded} />
      </main>
      <footer>
        {state.role && (
          <span class="muted" data-testid="role">
            Signed in as {state.role === 'ADMIN' ? 'admin' : 'read-only'}
          </span>
        )}
        {apiKey && (
          <button type="button" class="link" onClick={props.onForgetKey}>
            Forget API key
          </button>
        )}
        <a class="link" href="/graphql">
          GraphiQL
        </a>
      </footer>
    </div>
  );
}

/**
 * `(2) position-sentinel` with two open discrepancies, and what is not verified, so a background
 * tab still tells.
 */
function useDocumentTitle(online: boolean, open: number, verification: VerificationWords): void {
  const unverified = online && !verification.verified ? `${verification.text} · ` : '';
  useEffect(() => {
    const prefix = !online ? '[offline] ' : open > 0 ? `(${open}) ` : '';
    document.title = `${prefix}${unverified}position-sentinel`;
  }, [online, open, unverified]);
}
