import type {
  DiscrepancyPartsFragment,
  PositionPartsFragment,
  RunPartsFragment,
  StatusPartsFragment,
} from '../../../src/web/gql/graphql.js';

/** API-shaped objects as the dashboard receives them, for the page's pure logic. */
export const optionContract = (symbol: string, strike: number, right: 'CALL' | 'PUT' = 'CALL') => ({
  conId: strike,
  symbol,
  secType: 'OPT',
  expiry: '20261218',
  strike,
  right,
  localSymbol: null,
  multiplier: 100,
  currency: 'USD',
});

export function position(
  id: string,
  quantity: number,
  symbol = 'SPY',
  strike = 600,
  values: Partial<Pick<PositionPartsFragment, 'marketPrice' | 'marketValue' | 'unrealizedPnl'>> = {},
): PositionPartsFragment {
  return {
    id,
    account: id.split(':')[0] ?? 'DU1',
    quantity,
    averageCost: 512.34,
    marketPrice: 5.2,
    marketValue: quantity * 520,
    unrealizedPnl: 1,
    updatedAt: '2026-11-25T15:00:00.000Z',
    source: 'STREAM',
    contract: optionContract(symbol, strike),
    ...values,
  };
}

export function discrepancy(
  id: string,
  severity: 'INFO' | 'WARNING' | 'CRITICAL',
  status: DiscrepancyPartsFragment['status'] = 'OPEN',
  firstSeenAt = '2026-11-25T15:00:00.000Z',
): DiscrepancyPartsFragment {
  return {
    id,
    type: 'POSITION_MISMATCH',
    severity,
    status,
    account: 'DU1',
    message: 'm',
    brokerQuantity: 2,
    storeQuantity: 1,
    difference: 1,
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    acknowledgedAt: null,
    note: null,
    contract: optionContract('SPY', 600),
  };
}

export function run(
  id: string,
  startedAt = '2026-11-25T15:00:00.000Z',
  values: Partial<RunPartsFragment> = {},
): RunPartsFragment {
  return {
    id,
    trigger: 'SCHEDULED',
    status: 'CLEAN',
    startedAt,
    durationMs: 12,
    discrepancyCount: 0,
    criticalCount: 0,
    summary: 'Broker: 1, Store: 1, Discrepancies: 0 (0 critical)',
    error: null,
    brokerPositionCount: 1,
    storePositionCount: 1,
    deferredCount: 0,
    caughtUpCount: 0,
    loadedCount: 0,
    ...values,
  };
}

export const demoStatus: StatusPartsFragment = {
  mode: 'DEMO',
  version: '0',
  startedAt: '2026-11-25T15:00:00.000Z',
  broker: {
    state: 'READY',
    host: 'h',
    port: 1,
    clientId: 1,
    accounts: [],
    lastError: null,
    connectedSince: null,
  },
  store: { bufferedUpdates: 0, lastFlushAt: null, lastError: null, totalUpdates: 0 },
  reconciliation: { running: false, intervalMs: 1, nextRunAt: null },
  verification: { state: 'VERIFIED', reason: null, verifiedAt: '2026-11-25T15:00:00.000Z' },
  alerts: { routes: [], pending: 0, dead: 0 },
};

/** Start times one minute apart from 15:00, so runs sort as their index. */
export const minute = (i: number) => new Date(Date.parse('2026-11-25T15:00:00Z') + i * 60_000).toISOString();
