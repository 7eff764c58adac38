import type {
  DiscrepancyPartsFragment,
  PositionPartsFragment,
  RunPartsFragment,
  StatusPartsFragment,
  ViewerRole,
} from './gql/graphql.js';

/** Everything the page shows, rebuilt from one snapshot query and kept live by subscriptions. */
export interface DashboardState {
  readonly role: ViewerRole | null;
  readonly status: StatusPartsFragment | null;
  readonly positions: ReadonlyMap<string, PositionPartsFragment>;
  /** Active discrepancies only: a resolved one leaves the table. */
  readonly discrepancies: ReadonlyMap<string, DiscrepancyPartsFragment>;
  /** Newest first, at most {@link RUN_HISTORY}. */
  readonly runs: readonly RunPartsFragment[];
  readonly positionCursor: string | null;
  readonly discrepancyCursor: string | null;
}

export const RUN_HISTORY = 30;

export const emptyState: DashboardState = {
  role: null,
  status: null,
  positions: new Map(),
  discrepancies: new Map(),
  runs: [],
  positionCursor: null,
  discrepancyCursor: null,
};

export type DashboardAction =
  | {
      readonly type: 'snapshot';
      readonly role: ViewerRole;
      readonly status: StatusPartsFragment;
      readonly positions: readonly PositionPartsFragment[];
      readonly discrepancies: readonly DiscrepancyPartsFragment[];
      readonly runs: readonly RunPartsFragment[];
    }
  | { readonly type: 'position'; readonly cursor: string; readonly position: PositionPartsFragment }
  | { readonly type: 'discrepancy'; readonly cursor: string; readonly discrepancy: DiscrepancyPartsFragment }
  | { readonly type: 'run'; readonly run: RunPartsFragment }
  | { readonly type: 'status'; readonly status: StatusPartsFragment };

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'snapshot':
      // A fresh snapshot keeps the cursors: the subscriptions resume where they were.
      return {
        ...state,
        role: action.role,
        status: action.status,
        positions: new Map(action.positions.filter((p) => p.quantity !== 0).map((p) => [p.id, p])),
        discrepancies: new Map(action.discrepancies.map((d) => [d.id, d])),
        runs: action.runs.slice(0, RUN_HISTORY),
      };
    case 'position': {
      const positions = new Map(state.positions);
      if (action.position.quantity === 0) positions.delete(action.position.id);
      else positions.set(action.position.id, action.position);
      return { ...state, positions, positionCursor: action.cursor };
    }
    case 'discrepancy': {
      const discrepancies = new Map(state.discrepancies);
      if (action.discrepancy.status === 'RESOLVED') discrepancies.delete(action.discrepancy.id);
      else discrepancies.set(action.discrepancy.id, action.discrepancy);
      return { ...state, discrepancies, discrepancyCursor: action.cursor };
    }
    case 'run': {
      const runs = [action.run, ...state.runs.filter((r) => r.id !== action.run.id)].slice(0, RUN_HISTORY);
      return { ...state, runs };
    }
    case 'status':
      return { ...state, status: action.status };
  }
}

const SEVERITY_ORDER = { CRITICAL: 0, WARNING: 1, INFO: 2 } as const;

/** Most dangerous first, then newest. */
export function sortedDiscrepancies(state: DashboardState): DiscrepancyPartsFragment[] {
  return [...state.discrepancies.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.firstSeenAt.localeCompare(a.firstSeenAt),
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
      (a.contract.right ?? '').localeCompare(b.contract.right ?? ''),
  );
}
