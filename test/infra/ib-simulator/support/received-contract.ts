import type { Contract } from '../../../../src/domain/contract.js';

/** The contract object @stoqey/ib builds from a POSITION or POSITION_MULTI message. */
export function asReceived(c: Contract) {
  return {
    conId: c.conId,
    symbol: c.symbol,
    secType: c.secType,
    lastTradeDateOrContractMonth: c.expiry ?? '',
    strike: c.strike ?? 0,
    right: c.right === 'CALL' ? 'C' : c.right === 'PUT' ? 'P' : undefined,
    multiplier: c.multiplier ?? 0,
    exchange: c.exchange ?? '',
    currency: c.currency,
    localSymbol: c.localSymbol ?? '',
    tradingClass: c.tradingClass ?? '',
  };
}
