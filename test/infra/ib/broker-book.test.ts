import { describe, expect, it } from 'vitest';
import { BrokerBook } from '../../../src/infra/ib/broker-book.js';
import type { PortfolioRow, PositionRow } from '../../../src/infra/ib/ib-rows.js';
import { NVDA_STOCK, SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 15, 0, s));
const { exchange: _ignored, ...spyWithoutExchange } = SPY_600_C;

function pos(quantity: number, averageCost?: number): PositionRow {
  return { account: 'DU1', contract: SPY_600_C, quantity, averageCost };
}

function portfolio(quantity: number, marketPrice: number): PortfolioRow {
  return {
    account: 'DU1',
    contract: spyWithoutExchange,
    quantity,
    marketPrice,
    marketValue: quantity * marketPrice * 100,
    averageCost: 512.34,
    unrealizedPnl: 11,
    realizedPnl: 3,
  };
}

describe('broker book', () => {
  it('merges the portfolio feed money into the positions feed row, keeping the exchange it knows', () => {
    const book = new BrokerBook();
    book.applyPosition(pos(2, 512.34), at(0), 'SNAPSHOT');
    const merged = book.applyPortfolio(portfolio(2, 5.25), at(1), 'STREAM');
    expect(merged).toEqual({
      account: 'DU1',
      conId: SPY_600_C.conId,
      contract: SPY_600_C,
      quantity: 2,
      averageCost: 512.34,
      marketPrice: 5.25,
      marketValue: 1050,
      unrealizedPnl: 11,
      realizedPnl: 3,
      updatedAt: at(1),
      source: 'STREAM',
    });
  });

  it('keeps the positions feed quantity; money valued for another quantity shows only its price', () => {
    const book = new BrokerBook();
    book.applyPosition(pos(2, 512.34), at(0), 'STREAM');
    const stale = book.applyPortfolio(portfolio(5, 5.25), at(1), 'STREAM');
    expect(stale).toMatchObject({ quantity: 2, marketPrice: 5.25, averageCost: 512.34 });
    expect(stale.marketValue).toBeUndefined();

    book.applyPortfolio(portfolio(2, 5.25), at(2), 'STREAM');
    const traded = book.applyPosition(pos(4, 520), at(3), 'STREAM');
    expect(traded).toMatchObject({ quantity: 4, averageCost: 520, marketPrice: 5.25 });
    expect([traded.marketValue, traded.unrealizedPnl, traded.realizedPnl]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('takes the portfolio quantity for a key the positions feed has not reported', () => {
    const book = new BrokerBook();
    expect(book.applyPortfolio(portfolio(3, 5), at(0), 'SNAPSHOT')).toMatchObject({
      quantity: 3,
      marketValue: 1500,
    });
  });

  it('treats quantity 0 as closed: listed only when asked', () => {
    const book = new BrokerBook();
    book.applyPosition(pos(0, 0), at(0), 'STREAM');
    book.applyPosition(
      { account: 'DU2', contract: SPXW_6000_C, quantity: -1, averageCost: 4000 },
      at(0),
      'STREAM',
    );
    expect(book.positions().map((p) => p.conId)).toEqual([SPXW_6000_C.conId]);
    expect(book.positions({ includeClosed: true }).map((p) => [p.account, p.quantity])).toEqual([
      ['DU1', 0],
      ['DU2', -1],
    ]);
    expect(book.positions({ account: 'DU1', includeClosed: true })).toHaveLength(1);
    expect(book.positions({ symbol: 'spx' })).toHaveLength(1);
  });

  it('forgets keys a complete list no longer mentions', () => {
    const book = new BrokerBook();
    book.applyPosition(pos(2), at(0), 'STREAM');
    book.applyPosition({ account: 'DU1', contract: NVDA_STOCK, quantity: 10 }, at(0), 'STREAM');
    book.retainOnly(new Set([`DU1:${NVDA_STOCK.conId}`]));
    expect(book.positions().map((p) => p.conId)).toEqual([NVDA_STOCK.conId]);
    expect(book.position('DU1', SPY_600_C.conId)).toBeUndefined();
    expect(book.size).toBe(1);
  });
});
