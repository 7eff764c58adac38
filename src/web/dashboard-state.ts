import type {
  DiscrepancyPartsFragment,
  PositionPartsFragment,
  RunPartsFragment,
  StatusPartsFragment,
  ViewerRole,
} from './gql/graphql.js';

/** Everything the page shows, rebuilt from one snapshot and kept live by subscriptions. */
export interface DashboardState {
  readonly role: ViewerRole | null;
  readonly status: StatusPartsFragment | null;
  /** Open positions by id: a closed one (quantity 0) leaves the book. */
  readonly positions: ReadonlyMap<string, PositionPartsFragment>;
  /** Active discrepancies only: a resolved one leaves the table. */
  readonly discrepancies: ReadonlyMap<string, DiscrepancyPartsFragment>;
  /** Newest first, at most {@link RUN_HISTORY}. */
  readonly runs: readonly RunPartsFragment[];
  /** When the latest snapshot was applied (epoch ms); null before the first one. */
  readonly loadedAt: number | null;
}

export const RUN_HISTORY = 30;

export const emptyState: DashboardState = {
  role: null,
  status: null,
  positions: new Map(),
  discrepancies: new Map(),
  runs: [],
  loadedAt: null,
};

export interface Snapshot {
  readonly role: ViewerRole;
  readonly status: StatusPartsFragment;
  readonly positions: readonly PositionPartsFragment[];
  readonly discrepancies: readonly DiscrepancyPartsFragment[];
  readonly runs: readonly RunPartsFragment[];
}

export type DashboardAction =
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot; readonly at: number }
  | { readonly type: 'position'; readonly position: PositionPartsFragment }
  | { readonly type: 'discrepancy'; readonly discrepancy: DiscrepancyPartsFragment }
  | { readonly type: 'run'; readonly run: RunPartsFragment }
  | { readonly type: 'status'; readonly status: StatusPartsFragment }
  /** Several actions applied in order as one change, so the page renders once for all of them. */
  | { readonly type: 'batch'; readonly actions: readonly DashboardAction[] };

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'snapshot': {
      const { snapshot } = action;
      return {
        role: snapshot.role,
        status: snapshot.status,
        positions: new Map(snapshot.positions.filter((p) => p.quantity !== 0).map((p) => [p.id, p])),
        discrepancies: new Map(
          snapshot.discrepancies.filter((d) => d.status !== 'RESOLVED').map((d) => [d.id, d]),
        ),
        runs: newestFirst(snapshot.runs).slice(0, RUN_HISTORY),
        loadedAt: action.at,
      };
    }
    case 'position': {
      const positions = new Map(state.positions);
      if (action.position.quantity === 0) positions.delete(action.position.id);
      else positions.set(action.position.id, action.position);
      return { ...state, positions };
    }
    case 'discrepancy': {
      const discrepancies = new Map(state.discrepancies);
      if (action.discrepancy.status === 'RESOLVED') discrepancies.delete(action.discrepancy.id);
      else discrepancies.set(action.discrepancy.id, action.discrepancy);
      return { ...state, discrepancies };
    }
    case 'run': {
      const others = state.runs.filter((r) => r.id !== action.run.id);
      return { ...state, runs: newestFirst([action.run, ...others]).slice(0, RUN_HISTORY) };
    }
    case 'status':
      return { ...state, status: action.status };
    case 'batch':
      return action.actions.reduce(dashboardReducer, state);
  }
}

/**
 * A run can reach the page twice (the mutation's answer and the subscription) and out of order
 * with a scheduled one: the start time decides.
 */
function newestFirst(runs: readonly RunPartsFragment[]): RunPartsFragment[] {
  return [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

const SEVERITY_ORDER = { CRITICAL: 0, WARNING: 1, INFO: 2 } as const;

/** Most dangerous first, then newest. */
export function sortedDiscrepancies(state: DashboardState): DiscrepancyPartsFragment[] {
  return [...state.discrepancies.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.firstSeenAt.localeCompare(a.firstSeenAt) ||
      a.id.localeCompare(b.id),
  );
}

/** By account, then symbol, expiry, strike and right: how a trader reads an options book. */
export function sortedPositions(state: DashboardState): PositionPartsFragment[] {
  return [...state.positions.values()].sort(
    (a, b) =>
      a.account.localeCompare(b.account) ||
      a.contract.symbol.localeCompare(b.contract.symbol) ||
      (a.contract.expiry ?? '').localeCompare(b.contract.expiry ?? '') ||
      (a.contract.strike ?? 0) - (b.contract.strike ?? 0) ||
      (a.contract.right ?? '').localeCompare(b.contract.right ?? '') ||
      a.contract.conId - b.contract.conId,
  );
}
