import type { Contract, OptionRight } from '../contract.js';
import { tradingDay } from '../trading-day.js';

/** An underlying the demo trades options on, at a plausible price level. */
export interface Underlying {
  readonly symbol: string;
  readonly spot: number;
  /** Annualised implied volatility used for premiums. */
  readonly volatility: number;
  readonly strikeStep: number;
  /** Trading class (and OCC root) of the monthly and of the weekly series. */
  readonly monthlyClass: string;
  readonly weeklyClass: string;
}

export const DEMO_UNDERLYINGS: readonly Underlying[] = [
  { symbol: 'SPX', spot: 6800, volatility: 0.15, strikeStep: 25, monthlyClass: 'SPX', weeklyClass: 'SPXW' },
  { symbol: 'SPY', spot: 680, volatility: 0.15, strikeStep: 5, monthlyClass: 'SPY', weeklyClass: 'SPY' },
  { symbol: 'QQQ', spot: 610, volatility: 0.19, strikeStep: 5, monthlyClass: 'QQQ', weeklyClass: 'QQQ' },
  { symbol: 'IWM', spot: 245, volatility: 0.22, strikeStep: 2, monthlyClass: 'IWM', weeklyClass: 'IWM' },
  { symbol: 'AAPL', spot: 275, volatility: 0.26, strikeStep: 5, monthlyClass: 'AAPL', weeklyClass: 'AAPL' },
  { symbol: 'NVDA', spot: 185, volatility: 0.45, strikeStep: 5, monthlyClass: 'NVDA', weeklyClass: 'NVDA' },
  { symbol: 'MSFT', spot: 490, volatility: 0.24, strikeStep: 5, monthlyClass: 'MSFT', weeklyClass: 'MSFT' },
  { symbol: 'TSLA', spot: 430, volatility: 0.55, strikeStep: 10, monthlyClass: 'TSLA', weeklyClass: 'TSLA' },
];

/** A listed option with what pricing needs. */
export interface ListedOption {
  readonly contract: Contract;
  readonly underlying: string;
  /** The close of trading on the expiry date (16:00 New York, taken as 21:00 UTC). */
  readonly expiresAt: Date;
}

export interface CatalogShape {
  readonly weeklies?: number;
  readonly monthlies?: number;
  readonly strikesEachSide?: number;
}

/**
 * Every option the demo may trade: for each underlying, the next weekly and monthly expiries after
 * `now` (exchange date), strikes around the price, calls and puts. ConIds come from the local
 * symbol, so the same contract has the same conId in every run.
 */
export function listOptions(
  now: Date,
  underlyings: readonly Underlying[] = DEMO_UNDERLYINGS,
  { weeklies = 2, monthlies = 2, strikesEachSide = 5 }: CatalogShape = {},
): ListedOption[] {
  const { weekly, monthly } = upcomingExpiries(tradingDay(now), weeklies, monthlies);
  const usedConIds = new Set<number>();
  const listed: ListedOption[] = [];
  for (const u of underlyings) {
    const atTheMoney = Math.round(u.spot / u.strikeStep) * u.strikeStep;
    const series = [
      ...monthly.map((expiry) => ({ expiry, tradingClass: u.monthlyClass })),
      ...weekly.map((expiry) => ({ expiry, tradingClass: u.weeklyClass })),
    ];
    for (const { expiry, tradingClass } of series) {
      for (let i = -strikesEachSide; i <= strikesEachSide; i++) {
        const strike = atTheMoney + i * u.strikeStep;
        if (strike <= 0) continue;
        for (const right of ['CALL', 'PUT'] as const) {
          const localSymbol = occSymbol(tradingClass, expiry, right, strike);
          const contract: Contract = {
            conId: uniqueConId(localSymbol, usedConIds),
            symbol: u.symbol,
            secType: 'OPT',
            currency: 'USD',
            exchange: 'SMART',
            expiry,
            strike,
            right,
            multiplier: 100,
            localSymbol,
            tradingClass,
          };
          listed.push({ contract, underlying: u.symbol, expiresAt: closeOfTrading(expiry) });
        }
      }
    }
  }
  return listed;
}

/** The OCC symbol IB reports as an option's local symbol: root padded to 6, YYMMDD, C/P, strike × 1000. */
export function occSymbol(root: string, expiry: string, right: OptionRight, strike: number): string {
  const strikeField = String(Math.round(strike * 1000)).padStart(8, '0');
  return `${root.padEnd(6, ' ')}${expiry.slice(2)}${right === 'CALL' ? 'C' : 'P'}${strikeField}`;
}

/**
 * Fridays after `today` (YYYY-MM-DD): monthly expiries are third Fridays, weeklies the others.
 * Exchange holidays are not modelled.
 */
export function upcomingExpiries(
  today: string,
  weeklies: number,
  monthlies: number,
): { weekly: string[]; monthly: string[] } {
  const weekly: string[] = [];
  const monthly: string[] = [];
  const day = new Date(`${today}T12:00:00Z`);
  while (weekly.length < weeklies || monthly.length < monthlies) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 5) continue;
    const yyyymmdd = day.toISOString().slice(0, 10).replaceAll('-', '');
    const thirdFriday = day.getUTCDate() >= 15 && day.getUTCDate() <= 21;
    if (thirdFriday && monthly.length < monthlies) monthly.push(yyyymmdd);
    else if (!thirdFriday && weekly.length < weeklies) weekly.push(yyyymmdd);
  }
  return { weekly, monthly };
}

function closeOfTrading(expiry: string): Date {
  return new Date(`${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}T21:00:00Z`);
}

/** FNV-1a of the local symbol, in the range of real IB option conIds, probing past collisions. */
function uniqueConId(localSymbol: string, used: Set<number>): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < localSymbol.length; i++) {
    hash ^= localSymbol.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let conId = 500_000_000 + (hash % 400_000_000);
  while (used.has(conId)) conId++;
  used.add(conId);
  return conId;
}
