import type { Contract } from '../../../src/domain/contract.js';
import type { TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { option } from '../../support/contracts.js';

const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN'] as const;
const EXPIRIES = ['20261218', '20270115', '20270319', '20270618'] as const;

export interface OpenedPosition {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
}

/**
 * Opens `count` option positions in the simulator, alternating accounts, each with its own
 * contract, a price and a non-zero quantity: a realistic book of any size, the same every time.
 * Each open is pushed to connected clients like a trade.
 */
export function openBook(simulator: TwsSimulator, count: number, firstConId = 900_000): OpenedPosition[] {
  const opened: OpenedPosition[] = [];
  for (let i = 0; i < count; i++) {
    const symbol = SYMBOLS[i % SYMBOLS.length]!;
    const expiry = EXPIRIES[Math.floor(i / SYMBOLS.length) % EXPIRIES.length]!;
    const strike = 100 + 5 * Math.floor(i / (SYMBOLS.length * EXPIRIES.length));
    const contract = option(firstConId + i, symbol, expiry, strike, i % 2 === 0 ? 'CALL' : 'PUT');
    const account = simulator.accounts[i % simulator.accounts.length]!;
    const quantity = ((i % 9) + 1) * (i % 3 === 0 ? -1 : 1);
    simulator.open(account, contract, quantity, { marketPrice: 1 + (i % 40) / 4 });
    opened.push({ account, contract, quantity });
  }
  return opened;
}

/** The id the API gives a position: `account:conId`. */
export const positionId = (p: { account: string; contract: { conId: number } }) =>
  `${p.account}:${p.contract.conId}`;
