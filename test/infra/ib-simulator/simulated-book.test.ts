import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountValues } from '../../../src/infra/ib-simulator/account-values.js';
import { SimulatedBook } from '../../../src/infra/ib-simulator/simulated-book.js';
import { SimulatorError } from '../../../src/infra/ib-simulator/simulator-error.js';
import { AAPL_230_P, NVDA_STOCK, SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';

function book(clock = new ManualClock()) {
  return new SimulatedBook(['DU111111', 'DU222222'], clock, 100_000);
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof SimulatorError) return error.code;
    throw error;
  }
  return undefined;
}

describe('simulated book', () => {
  it('values a position: market value with the multiplier, unrealised P&L against the average cost', () => {
    const b = book();
    const row = b.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
    expect(row).toMatchObject({ quantity: 2, averageCost: 512.34, marketPrice: 5.25, marketValue: 1050 });
    expect(row.unrealizedPnl).toBe(25.32);
    expect(b.cash('DU111111')).toBe(100_000 - 1024.68);
  });

  it('fills at the current price: adding averages the cost, reducing realises P&L, closing keeps the row', () => {
    const b = book();
    b.open('DU111111', SPXW_6000_C, -2, { averageCost: 4000, marketPrice: 40 });
    b.setPrice(SPXW_6000_C.conId, 30);
    expect(b.change('DU111111', SPXW_6000_C.conId, -4).averageCost).toBe(3500);
    const reduced = b.change('DU111111', SPXW_6000_C.conId, -1);
    // Bought back 3 at 3000 against 3500 each: +1500.
    expect(reduced).toMatchObject({ quantity: -1, averageCost: 3500, realizedPnl: 1500 });
    const closed = b.close('DU111111', SPXW_6000_C.conId);
    expect(closed).toMatchObject({ quantity: 0, averageCost: 0, marketValue: 0, realizedPnl: 2000 });
    expect(b.positions().map((p) => p.quantity)).toEqual([0]);
  });

  it('reversing a position realises all of the old one and starts the cost afresh', () => {
    const b = book();
    b.open('DU111111', AAPL_230_P, 3, { averageCost: 600, marketPrice: 6 });
    b.setPrice(AAPL_230_P.conId, 7);
    expect(b.change('DU111111', AAPL_230_P.conId, -2)).toMatchObject({ averageCost: 700, realizedPnl: 300 });
  });

  it('keeps computed average costs free of binary residue', () => {
    const b = book();
    expect(b.open('DU111111', SPXW_6000_C, 1, { marketPrice: 146.95 }).averageCost).toBe(14695);
    b.setPrice(SPXW_6000_C.conId, 140.15);
    expect(b.change('DU111111', SPXW_6000_C.conId, 3).averageCost).toBe(14241.666667);
  });

  it('keeps fractional quantities exact', () => {
    const b = book();
    const row = b.open('DU222222', NVDA_STOCK, 0.5, { averageCost: 181.25 });
    expect(row).toMatchObject({ quantity: 0.5, marketPrice: 181.25, marketValue: 90.63 });
  });

  it('keeps a closed row until the exchange date changes, then forgets it', () => {
    const clock = new ManualClock('2026-11-25T20:00:00Z');
    const b = book(clock);
    b.open('DU111111', SPY_600_C, 1, { averageCost: 500 });
    b.close('DU111111', SPY_600_C.conId);
    // 04:59 UTC on the 26th is still 23:59 of the 25th in New York.
    clock.set('2026-11-26T04:59:00Z');
    expect(b.position('DU111111', SPY_600_C.conId)?.quantity).toBe(0);
    clock.set('2026-11-26T05:00:00Z');
    expect(b.position('DU111111', SPY_600_C.conId)).toBeUndefined();
    expect(b.positions()).toEqual([]);
  });

  it('refuses bad input with a stable code and changes nothing', () => {
    const b = book();
    b.open('DU111111', SPY_600_C, 1, { averageCost: 500 });
    const before = JSON.stringify([b.positions(), b.cash('DU111111')]);
    expect(codeOf(() => b.open('U1', SPXW_6000_C, 1, { averageCost: 1 }))).toBe('UNKNOWN_ACCOUNT');
    expect(codeOf(() => b.open('DU111111', SPY_600_C, 2, { averageCost: 1 }))).toBe('POSITION_EXISTS');
    expect(codeOf(() => b.open('DU111111', SPXW_6000_C, 0, { averageCost: 1 }))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => b.open('DU111111', SPXW_6000_C, Number.NaN, { averageCost: 1 }))).toBe(
      'INVALID_QUANTITY',
    );
    expect(codeOf(() => b.open('DU111111', SPXW_6000_C, 1))).toBe('INVALID_PRICE');
    expect(codeOf(() => b.open('DU111111', SPXW_6000_C, 1, { marketPrice: -1 }))).toBe('INVALID_PRICE');
    expect(
      codeOf(() => b.open('DU111111', { ...SPXW_6000_C, right: undefined }, 1, { averageCost: 1 })),
    ).toBe('INVALID_CONTRACT');
    expect(
      codeOf(() => b.open('DU111111', { ...SPXW_6000_C, expiry: '2026-12-04' }, 1, { averageCost: 1 })),
    ).toBe('INVALID_CONTRACT');
    expect(codeOf(() => b.change('DU111111', 42, 1))).toBe('UNKNOWN_POSITION');
    expect(codeOf(() => b.change('DU111111', SPY_600_C.conId, Number.POSITIVE_INFINITY))).toBe(
      'INVALID_QUANTITY',
    );
    expect(codeOf(() => b.close('DU222222', SPY_600_C.conId))).toBe('UNKNOWN_POSITION');
    expect(codeOf(() => b.setPrice(SPY_600_C.conId, Number.NaN))).toBe('INVALID_PRICE');
    expect(JSON.stringify([b.positions(), b.cash('DU111111')])).toBe(before);
  });

  it('net liquidation is always cash plus the market value of the positions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -20, max: 20 }), fc.double({ min: 0.05, max: 80, noNaN: true })),
          {
            maxLength: 30,
          },
        ),
        (trades) => {
          const b = book();
          b.open('DU111111', SPY_600_C, 1, { averageCost: 500 });
          for (const [quantity, price] of trades) {
            b.setPrice(SPY_600_C.conId, price);
            b.change('DU111111', SPY_600_C.conId, quantity);
          }
          const positions = b.positionsOf('DU111111');
          const values = new Map(
            accountValues('DU111111', b.cash('DU111111'), positions).map((v) => [v.key, v.value]),
          );
          const expected = b.cash('DU111111') + positions.reduce((t, p) => t + p.marketValue, 0);
          expect(Number(values.get('NetLiquidation'))).toBeCloseTo(expected, 1);
        },
      ),
    );
  });
});
