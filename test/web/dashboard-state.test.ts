import { describe, expect, it } from 'vitest';
import {
  dashboardReducer,
  emptyState,
  RUN_HISTORY,
  sortedDiscrepancies,
  sortedPositions,
} from '../../src/web/dashboard-state.js';
import { demoStatus, discrepancy, minute, position, run } from './support/fragments.js';

describe('dashboard state', () => {
  it('a closed position leaves the book; a changed one replaces its row', () => {
    let s = dashboardReducer(emptyState, { type: 'position', position: position('DU1:1', 2) });
    s = dashboardReducer(s, { type: 'position', position: position('DU1:1', 3) });
    expect(s.positions.get('DU1:1')?.quantity).toBe(3);
    s = dashboardReducer(s, { type: 'position', position: position('DU1:1', 0) });
    expect(s.positions.size).toBe(0);
  });

  it('new discrepancies appear, updates replace, resolved ones leave', () => {
    let s = dashboardReducer(emptyState, { type: 'discrepancy', discrepancy: discrepancy('a', 'WARNING') });
    s = dashboardReducer(s, {
      type: 'discrepancy',
      discrepancy: { ...discrepancy('a', 'WARNING'), status: 'ACKNOWLEDGED', note: 'seen' },
    });
    expect(s.discrepancies.get('a')).toMatchObject({ status: 'ACKNOWLEDGED', note: 'seen' });
    s = dashboardReducer(s, { type: 'discrepancy', discrepancy: discrepancy('a', 'WARNING', 'RESOLVED') });
    expect(s.discrepancies.size).toBe(0);
  });

  it('a snapshot replaces everything it carries and leaves out closed positions and resolved rows', () => {
    const before = dashboardReducer(emptyState, { type: 'position', position: position('DU1:1', 2) });
    const s = dashboardReducer(before, {
      type: 'snapshot',
      at: 1234,
      snapshot: {
        role: 'READ',
        status: demoStatus,
        positions: [position('DU1:2', 1), position('DU1:3', 0)],
        discrepancies: [discrepancy('x', 'INFO'), discrepancy('y', 'INFO', 'RESOLVED')],
        runs: [run('old', minute(1)), run('new', minute(2))],
      },
    });
    expect([...s.positions.keys()]).toEqual(['DU1:2']);
    expect([...s.discrepancies.keys()]).toEqual(['x']);
    expect(s.runs.map((r) => r.id)).toEqual(['new', 'old']);
    expect(s).toMatchObject({ role: 'READ', status: demoStatus, loadedAt: 1234 });
  });

  it('keeps the newest runs first by start time, at most the history length, without duplicates', () => {
    let s = emptyState;
    for (let i = 0; i < RUN_HISTORY + 5; i++) {
      s = dashboardReducer(s, { type: 'run', run: run(`r${i}`, minute(i)) });
    }
    // The same run again (the mutation's answer after the stream's copy), and an older one late.
    s = dashboardReducer(s, { type: 'run', run: run(`r${RUN_HISTORY + 4}`, minute(RUN_HISTORY + 4)) });
    s = dashboardReducer(s, { type: 'run', run: run('late', minute(RUN_HISTORY + 3.5)) });
    expect(s.runs).toHaveLength(RUN_HISTORY);
    expect(s.runs.slice(0, 3).map((r) => r.id)).toEqual([
      `r${RUN_HISTORY + 4}`,
      'late',
      `r${RUN_HISTORY + 3}`,
    ]);
    expect(new Set(s.runs.map((r) => r.id)).size).toBe(RUN_HISTORY);
  });

  it('applies a batch in order, as if each action came alone', () => {
    const actions = [
      { type: 'position', position: position('DU1:1', 2) },
      { type: 'position', position: position('DU1:1', 5) },
      { type: 'discrepancy', discrepancy: discrepancy('a', 'CRITICAL') },
      { type: 'status', status: demoStatus },
    ] as const;
    const oneByOne = actions.reduce(dashboardReducer, emptyState);
    const batched = dashboardReducer(emptyState, { type: 'batch', actions });
    expect(batched).toEqual(oneByOne);
    expect(batched.positions.get('DU1:1')?.quantity).toBe(5);
  });

  it('sorts discrepancies most dangerous first, then newest', () => {
    let s = emptyState;
    for (const d of [
      discrepancy('i', 'INFO'),
      discrepancy('c-old', 'CRITICAL', 'OPEN', minute(1)),
      discrepancy('w', 'WARNING'),
      discrepancy('c-new', 'CRITICAL', 'ACKNOWLEDGED', minute(2)),
    ]) {
      s = dashboardReducer(s, { type: 'discrepancy', discrepancy: d });
    }
    expect(sortedDiscrepancies(s).map((d) => d.id)).toEqual(['c-new', 'c-old', 'w', 'i']);
  });

  it('sorts positions as a trader reads a book: account, symbol, expiry, strike', () => {
    let s = emptyState;
    for (const p of [
      position('DU2:1', 1, 'AAPL', 200),
      position('DU1:2', 1, 'SPY', 610),
      position('DU1:3', 1, 'SPY', 590),
      position('DU1:4', 1, 'AAPL', 650),
    ]) {
      s = dashboardReducer(s, { type: 'position', position: p });
    }
    expect(sortedPositions(s).map((p) => p.id)).toEqual(['DU1:4', 'DU1:3', 'DU1:2', 'DU2:1']);
  });
});
