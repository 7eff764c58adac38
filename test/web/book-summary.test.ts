import { describe, expect, it } from 'vitest';
import { matchesBookFilter, summarizeByAccount } from '../../src/web/book-summary.js';
import { position } from './support/fragments.js';

describe('book totals per account', () => {
  it('sums value and P&L per account in whole cents, counting positions without a price', () => {
    const book = [
      position('DU1:1', 1, 'SPY', 600, { marketValue: 0.1, unrealizedPnl: 0.1 }),
      position('DU1:2', 1, 'SPY', 610, { marketValue: 0.2, unrealizedPnl: -0.3 }),
      position('DU2:3', -2, 'QQQ', 500, { marketPrice: null, marketValue: null, unrealizedPnl: null }),
      position('DU1:4', 3, 'IWM', 200, { marketPrice: null, marketValue: null, unrealizedPnl: null }),
    ];
    expect(summarizeByAccount(book)).toEqual([
      { account: 'DU1', positions: 3, marketValue: 0.3, unrealizedPnl: -0.2, unpriced: 1 },
      { account: 'DU2', positions: 1, marketValue: null, unrealizedPnl: null, unpriced: 1 },
    ]);
  });

  it('has nothing to say about an empty book', () => {
    expect(summarizeByAccount([])).toEqual([]);
  });
});

describe('the book filter', () => {
  const spy = position('DU111111:1', 1, 'SPY', 600);

  it('matches every typed word against the account and the readable contract, ignoring case', () => {
    expect(matchesBookFilter(spy, '')).toBe(true);
    expect(matchesBookFilter(spy, '  ')).toBe(true);
    expect(matchesBookFilter(spy, 'spy')).toBe(true);
    expect(matchesBookFilter(spy, 'SPY 2026-12-18 600 C')).toBe(true);
    expect(matchesBookFilter(spy, 'du111111 600')).toBe(true);
    expect(matchesBookFilter(spy, 'spy 610')).toBe(false);
    expect(matchesBookFilter(spy, 'qqq')).toBe(false);
  });
});
