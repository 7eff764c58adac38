import type { Contract } from '../../src/domain/contract.js';
import type { TwsSimulator } from '../../src/infra/ib-simulator/tws-simulator.js';
import { AAPL_230_P, option, SPXW_6000_C, SPY_550_P, SPY_600_C } from './contracts.js';

/**
 * The books tests start from, in one place: the accounts, the positions each account holds and the
 * generated book of any size the dashboard tests use. The simulator's two accounts: the first is the
 * portfolio feed's (managed accounts come first), the other only changes when a position does.
 */
export const MAIN = 'DU111111';
export const OTHER = 'DU222222';

/** One position of a book: what the broker holds, at what cost and price. */
export interface BookPosition {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly averageCost?: number;
  readonly marketPrice?: number;
}

/** Opens each position at the simulator (each open pushed to connected clients like a trade). */
export function openPositions(sim: TwsSimulator, book: readonly BookPosition[]): BookPosition[] {
  for (const { account, contract, quantity, averageCost, marketPrice } of book) {
    sim.open(account, contract, quantity, {
      ...(averageCost !== undefined ? { averageCost } : {}),
      ...(marketPrice !== undefined ? { marketPrice } : {}),
    });
  }
  return [...book];
}

/** The four contracts of the standard book. */
export interface StandardContracts {
  readonly spyCall: Contract;
  readonly spyPut: Contract;
  readonly spxwCall: Contract;
  readonly aaplPut: Contract;
}

/** Dated for a manual clock in November 2026 (the reconciliation suite's). */
export const NOVEMBER_2026: StandardContracts = {
  spyCall: SPY_600_C,
  spyPut: SPY_550_P,
  spxwCall: SPXW_6000_C,
  aaplPut: AAPL_230_P,
};

/** Option expiries a year from today, so that no contract of a service on the real clock is ever expired. */
function expiryInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

const FAR = expiryInDays(400);
export const SPY_CALL: Contract = option(810001, 'SPY', FAR, 600, 'CALL');
export const SPY_PUT: Contract = option(810002, 'SPY', FAR, 550, 'PUT');
export const QQQ_CALL: Contract = option(810003, 'QQQ', FAR, 520, 'CALL');
export const AAPL_PUT: Contract = option(810004, 'AAPL', FAR, 230, 'PUT');

/** Dated a year ahead, for what runs on the real clock. */
export const YEAR_AHEAD: StandardContracts = {
  spyCall: SPY_CALL,
  spyPut: SPY_PUT,
  spxwCall: option(810010, 'SPX', FAR, 6000, 'CALL', 'SPXW'),
  aaplPut: option(810020, 'AAPL', FAR, 230, 'PUT'),
};

/**
 * The standard book: two options in each account, long and short, so that every kind and severity
 * of drift has a position to happen to.
 */
export function standardBook(contracts: StandardContracts = NOVEMBER_2026): BookPosition[] {
  return [
    { account: MAIN, contract: contracts.spyCall, quantity: 2, averageCost: 512.34 },
    { account: MAIN, contract: contracts.spyPut, quantity: -4, averageCost: 310 },
    { account: OTHER, contract: contracts.spxwCall, quantity: -1, averageCost: 4000 },
    { account: OTHER, contract: contracts.aaplPut, quantity: 3, averageCost: 250 },
  ];
}

export function openStandardBook(sim: TwsSimulator, contracts: StandardContracts = NOVEMBER_2026): void {
  openPositions(sim, standardBook(contracts));
}

/**
 * The live book, what a whole service on the real clock starts from in the API tests: contracts a
 * year ahead, priced before they are opened, as the feed reports them; AAPL_PUT is priced but held
 * by nobody, for a test to open.
 */
export const LIVE_BOOK: readonly BookPosition[] = [
  { account: MAIN, contract: SPY_CALL, quantity: 10 },
  { account: MAIN, contract: SPY_PUT, quantity: -5 },
  { account: OTHER, contract: QQQ_CALL, quantity: 3 },
];

export const LIVE_PRICES: readonly (readonly [conId: number, price: number])[] = [
  [SPY_CALL.conId, 12.5],
  [SPY_PUT.conId, 4.2],
  [QQQ_CALL.conId, 9.75],
  [AAPL_PUT.conId, 3.1],
];

export function openLiveBook(sim: TwsSimulator): void {
  sim.setPrices(LIVE_PRICES);
  openPositions(sim, LIVE_BOOK);
}

const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN'] as const;
const EXPIRIES = ['20261218', '20270115', '20270319', '20270618'] as const;

/**
 * Opens `count` option positions in the simulator, alternating accounts, each with its own
 * contract, a price and a non-zero quantity: a realistic book of any size, the same every time.
 * Each open is pushed to connected clients like a trade.
 */
export function openBook(simulator: TwsSimulator, count: number, firstConId = 900_000): BookPosition[] {
  const opened: BookPosition[] = [];
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
