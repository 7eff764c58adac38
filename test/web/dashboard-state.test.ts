import { describe, expect, it } from 'vitest';
import {
  dashboardReducer,
  emptyState,
  RUN_HISTORY,
  sortedDiscrepancies,
  sortedPositions,
} from '../../src/web/dashboard-state.js';
import type {
  DiscrepancyPartsFragment,
  PositionPartsFragment,
  RunPartsFragment,
} from '../../src/web/gql/graphql.js';

const contract = (symbol: string, strike: number, right: 'CALL' | 'PUT') => ({
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

const position = (id: string, quantity: number, symbol = 'SPY', strike = 600): PositionPartsFragment => ({
  id,
  account: id.split(':')[0] ?? 'DU1',
  quantity,
  averageCost: 512.34,
  marketPrice: 5.2,
  marketValue: quantity * 520,
  unrealizedPnl: 1,
  updatedAt: '2026-11-25T15:00:00.000Z',
  source: 'STREAM',
  contract: contract(symbol, strike, 'CALL'),
});

const discrepancy = (
  id: string,
  severity: 'INFO' | 'WARNING' | 'CRITICAL',
  status = 'OPEN' as const,
  firstSeenAt = '2026-11-25T15:00:00.000Z',
): DiscrepancyPartsFragment => ({
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
  contract: contract('SPY', 600, 'CALL'),
});

const run = (id: string): RunPartsFragment => ({
  id,
  trigger: 'SCHEDULED',
  status: 'CLEAN',
  startedAt: '2026-11-25T15:00:00.000Z',
  durationMs: 12,
  discrepancyCount: 0,
  criticalCount: 0,
  summary: 'Broker: 1, Store: 1, Discrepancies: 0 (0 critical)',
});

describe('dashboard state', () => {
  it('a closed position leaves the book; a changed one replaces its row; the cursor advances', () => {
    let s = dashboardReducer(emptyState, { type: 'position', cursor: 'c1', position: position('DU1:1', 2) });
    s = dashboardReducer(s, { type: 'position', cursor: 'c2', position: position('DU1:1', 3) });
    expect(s.positions.get('DU1:1')?.quantity).toBe(3);
    s = dashboardReducer(s, { type: 'position', cursor: 'c3', position: position('DU1:1', 0) });
    expect(s.positions.size).toBe(0);
    expect(s.positionCursor).toBe('c3');
  });

  it('new discrepancies appear, updates replace, resolved ones leave', () => {
    let s = dashboardReducer(emptyState, {
      type: 'discrepancy',
      cursor: 'd1',
      discrepancy: discrepancy('a', 'WARNING'),
    });
    s = dashboardReducer(s, {
      type: 'discrepancy',
      cursor: 'd2',
      discrepancy: { ...discrepancy('a', 'WARNING'), status: 'ACKNOWLEDGED', note: 'seen' },
    });
    expect(s.discrepancies.get('a')?.status).toBe('ACKNOWLEDGED');
    s = dashboardReducer(s, {
      type: 'discrepancy',
      cursor: 'd3',
      discrepancy: { ...discrepancy('a', 'WARNING'), status: 'RESOLVED' },
    });
    expect(s.discrepancies.size).toBe(0);
    expect(s.discrepancyCursor).toBe('d3');
  });

  it('a snapshot replaces the book and keeps the cursors for resuming', () => {
    const before = dashboardReducer(emptyState, {
      type: 'position',
      cursor: 'c9',
      position: position('DU1:1', 2),
    });
    const s = dashboardReducer(before, {
      type: 'snapshot',
      role: 'ADMIN',
      status: {
        mode: 'DEMO',
        version: '0',
        startedAt: '2026-11-25T15:00:00.000Z',
        broker: { state: 'READY', host: 'h', port: 1, clientId: 1, accounts: [], lastError: null },
        store: { bufferedUpdates: 0, lastFlushAt: null, lastError: null },
        reconciliation: { running: false, intervalMs: 1, nextRunAt: null },
      },
      positions: [position('DU1:2', 1), position('DU1:3', 0)],
      discrepancies: [],
      runs: [],
    });
    expect([...s.positions.keys()]).toEqual(['DU1:2']);
    expect(s.positionCursor).toBe('c9');
    expect(s.role).toBe('ADMIN');
  });

  it('keeps the newest runs first, at most the history length, without duplicates', () => {
    let s = emptyState;
    for (let i = 0; i < RUN_HISTORY + 5; i++) s = dashboardReducer(s, { type: 'run', run: run(`r${i}`) });
    s = dashboardReducer(s, { type: 'run', run: run(`r${RUN_HISTORY + 4}`) });
    expect(s.runs).toHaveLength(RUN_HISTORY);
    expect(s.runs[0]?.id).toBe(`r${RUN_HISTORY + 4}`);
    expect(new Set(s.runs.map((r) => r.id)).size).toBe(RUN_HISTORY);
  });

  it('sorts discrepancies most dangerous first and positions as a trader reads a book', () => {
    let s = emptyState;
    for (const d of [discrepancy('i', 'INFO'), discrepancy('c', 'CRITICAL'), discrepancy('w', 'WARNING')]) {
      s = dashboardReducer(s, { type: 'discrepancy', cursor: d.id, discrepancy: d });
    }
    expect(sortedDiscrepancies(s).map((d) => d.id)).toEqual(['c', 'w', 'i']);
    for (const p of [
      position('DU2:1', 1, 'AAPL', 200),
      position('DU1:2', 1, 'SPY', 610),
      position('DU1:3', 1, 'SPY', 590),
    ]) {
      s = dashboardReducer(s, { type: 'position', cursor: p.id, position: p });
    }
    expect(sortedPositions(s).map((p) => p.id)).toEqual(['DU1:3', 'DU1:2', 'DU2:1']);
  });
});
