import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { apiKeyStore } from './api-key-store.js';
import { BookTable } from './book-table.js';
import {
  type DashboardAction,
  dashboardReducer,
  emptyState,
  sortedDiscrepancies,
  sortedPositions,
} from './dashboard-state.js';
import { DiscrepancyTable } from './discrepancy-table.js';
import { RequestError, request } from './graphql-http.js';
import { KeyPrompt } from './key-prompt.js';
import { LiveConnection } from './live-connection.js';
import { AcknowledgeMutation, DashboardQuery, ReconcileMutation, ResolveMutation } from './operations.js';
import { RunPanel } from './run-panel.js';
import { StatusBar } from './status-bar.js';

type Access = 'unknown' | 'granted' | 'key-needed' | 'key-refused';

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => apiKeyStore.read());
  const [access, setAccess] = useState<Access>('unknown');
  const [online, setOnline] = useState(false);
  const [state, dispatch] = useReducer(dashboardReducer, emptyState);
  const [reconciling, setReconciling] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    // Events that arrive while a snapshot loads are held and applied after it, in order, so the
    // page never shows a snapshot older than an event it has already seen.
    let held: DashboardAction[] | null = [];
    const apply = (action: DashboardAction) => (held ? held.push(action) : dispatch(action));
    const loadSnapshot = async () => {
      held = held ?? [];
      try {
        const data = await request(DashboardQuery, undefined, apiKey);
        dispatch({
          type: 'snapshot',
          role: data.viewer.role,
          status: data.status,
          positions: data.positions,
          discrepancies: data.discrepancies,
          runs: data.reconciliationRuns.edges.map((e) => e.node),
        });
        setAccess('granted');
      } catch (error) {
        if (error instanceof RequestError && error.status === 401) {
          setAccess(apiKey ? 'key-refused' : 'key-needed');
          connection.stop();
        }
      } finally {
        const pending = held ?? [];
        held = null;
        for (const action of pending) dispatch(action);
      }
    };
    const connection = new LiveConnection(
      apiKey,
      () => ({ position: stateRef.current.positionCursor, discrepancy: stateRef.current.discrepancyCursor }),
      {
        onOnline: () => {
          setOnline(true);
          void loadSnapshot();
        },
        onOffline: () => setOnline(false),
        onUnauthorized: () => {
          setOnline(false);
          setAccess(apiKey ? 'key-refused' : 'key-needed');
        },
        onPosition: (e) => apply({ type: 'position', cursor: e.cursor, position: e.position }),
        onDiscrepancy: (e) => apply({ type: 'discrepancy', cursor: e.cursor, discrepancy: e.discrepancy }),
        onRun: (run) => apply({ type: 'run', run }),
        onStatus: (status) => apply({ type: 'status', status }),
      },
    );
    connection.start();
    return () => connection.stop();
  }, [apiKey]);

  const positions = useMemo(() => sortedPositions(state), [state.positions]);
  const discrepancies = useMemo(() => sortedDiscrepancies(state), [state.discrepancies]);
  const disabledReason = !online
    ? 'offline: waiting for the service'
    : state.role === 'READ'
      ? 'this API key is read-only: acting needs an admin key'
      : null;

  if (access === 'key-needed' || access === 'key-refused') {
    return (
      <KeyPrompt
        rejected={access === 'key-refused'}
        onKey={(key) => {
          apiKeyStore.write(key);
          setAccess('unknown');
          setApiKey(key);
        }}
      />
    );
  }

  return (
    <div class="dashboard">
      <StatusBar status={state.status} online={online} />
      <main>
        <RunPanel
          runs={state.runs}
          disabledReason={disabledReason}
          reconciling={reconciling || (state.status?.reconciliation.running ?? false)}
          error={runError}
          onReconcile={async () => {
            setReconciling(true);
            setRunError(null);
            try {
              const { reconcile } = await request(ReconcileMutation, undefined, apiKey);
              dispatch({ type: 'run', run: reconcile });
            } catch (error) {
              setRunError((error as Error).message);
            } finally {
              setReconciling(false);
            }
          }}
        />
        <DiscrepancyTable
          discrepancies={discrepancies}
          actions={{
            disabledReason,
            acknowledge: async (id, note) => {
              await request(AcknowledgeMutation, { id, note }, apiKey);
            },
            resolve: async (id, note) => {
              await request(ResolveMutation, { id, note }, apiKey);
            },
          }}
        />
        <BookTable positions={positions} />
      </main>
      {apiKey && (
        <footer>
          <button
            type="button"
            class="link"
            onClick={() => {
              apiKeyStore.clear();
              setApiKey(null);
            }}
          >
            Forget API key
          </button>
        </footer>
      )}
    </div>
  );
}
