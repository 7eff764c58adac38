import { describe, expect, it } from 'vitest';
import { CHART, MIN_COUNT_AXIS, niceCeiling, runChartGeometry } from '../../src/web/run-chart-geometry.js';
import { minute, run } from './support/fragments.js';

describe('the run chart', () => {
  it('puts the oldest run on the left and scales bars to a round maximum', () => {
    const runs = [
      run('newest', minute(3), {
        discrepancyCount: 3,
        criticalCount: 1,
        status: 'DISCREPANCIES',
        durationMs: 40,
      }),
      run('middle', minute(2), { discrepancyCount: 1, status: 'DISCREPANCIES', durationMs: 10 }),
      run('oldest', minute(1), { discrepancyCount: 0, durationMs: 20 }),
    ];
    const g = runChartGeometry(runs);
    expect(g.columns.map((c) => c.run.id)).toEqual(['oldest', 'middle', 'newest']);
    expect(g.columns.map((c) => c.tone)).toEqual(['clean', 'warning', 'critical']);
    expect(g.maxCount).toBe(5);
    expect(g.maxDurationMs).toBe(50);
    const [oldest, middle, newest] = g.columns;
    // Left to right, inside the plot.
    expect(oldest!.x).toBeGreaterThanOrEqual(g.left);
    expect(middle!.x).toBeGreaterThan(oldest!.x);
    expect(newest!.x + newest!.width).toBeLessThanOrEqual(CHART.width - CHART.right);
    // Bars stand on the count band's floor; 3 of 5 is three times 1 of 5; a clean run still shows.
    for (const c of g.columns) expect(c.barY + c.barHeight).toBeCloseTo(g.countBand.bottom);
    expect(newest!.barHeight).toBeCloseTo(middle!.barHeight * 3);
    expect(oldest!.barHeight).toBeGreaterThan(0);
    // The longest run is highest in the duration band (smaller y is higher).
    expect(newest!.durationY).toBeLessThan(oldest!.durationY);
    expect(oldest!.durationY).toBeLessThan(middle!.durationY);
    expect(g.durationPath.split(' ')).toHaveLength(3);
    expect(g.durationPath.startsWith('M')).toBe(true);
  });

  it('draws one discrepancy as a short bar: the count axis goes to at least a few', () => {
    const g = runChartGeometry([
      run('one', minute(2), { discrepancyCount: 1, status: 'DISCREPANCIES' }),
      run('clean', minute(1), { discrepancyCount: 0 }),
    ]);
    expect(g.maxCount).toBe(MIN_COUNT_AXIS);
    const band = g.countBand.bottom - g.countBand.top;
    expect(g.columns[1]!.barHeight).toBeCloseTo(band / MIN_COUNT_AXIS);
    // Above the minimum the axis follows the largest count.
    expect(runChartGeometry([run('many', minute(1), { discrepancyCount: 7 })]).maxCount).toBe(10);
  });

  it('leaves room left of the plot for the widest axis label', () => {
    const short = runChartGeometry([run('fast', minute(1), { durationMs: 8 })]);
    const long = runChartGeometry([run('slow', minute(1), { durationMs: 420 })]);
    expect(short.maxDurationLabel).toBe('10 ms');
    expect(long.maxDurationLabel).toBe('500 ms');
    expect(long.left).toBeGreaterThan(short.left);
    // About 6.5 units a character at the axis' 10-unit font, and the label ends 6 before the plot.
    expect(long.left - 6).toBeGreaterThanOrEqual('500 ms'.length * 6);
    expect(long.columns[0]!.x).toBeGreaterThanOrEqual(long.left);
  });

  it('marks runs that could not compare as failed', () => {
    const g = runChartGeometry([run('x', minute(1), { status: 'BROKER_UNAVAILABLE' })]);
    expect(g.columns[0]?.tone).toBe('failed');
  });

  it('rounds axis maxima up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.3, 1, 1.01, 2, 3, 5, 7, 10, 11, 250, 0.004].map(niceCeiling)).toEqual([
      1, 0.5, 1, 2, 2, 5, 5, 10, 10, 20, 500, 0.005,
    ]);
  });
});
