import type { OptionRight } from '../contract.js';

const RISK_FREE_RATE = 0.04;
const YEAR_MS = 365 * 24 * 3_600_000;
/** Less than this to expiry is priced as this: keeps premiums sane on the last day. */
const MIN_YEARS = 1 / (365 * 24);

export interface OptionQuote {
  readonly spot: number;
  readonly strike: number;
  readonly right: OptionRight;
  readonly volatility: number;
  readonly expiresAt: Date;
  readonly now: Date;
}

/** Black–Scholes premium per unit (no dividends): plausible prices for a demo book. */
export function theoreticalPremium(quote: OptionQuote): number {
  const { spot, strike, volatility } = quote;
  const years = Math.max(MIN_YEARS, (quote.expiresAt.getTime() - quote.now.getTime()) / YEAR_MS);
  const deviation = volatility * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (RISK_FREE_RATE + (volatility * volatility) / 2) * years) / deviation;
  const d2 = d1 - deviation;
  const discountedStrike = strike * Math.exp(-RISK_FREE_RATE * years);
  return quote.right === 'CALL'
    ? spot * normalCdf(d1) - discountedStrike * normalCdf(d2)
    : discountedStrike * normalCdf(-d2) - spot * normalCdf(-d1);
}

/** Premiums trade in 0.05 steps from 3.00 and 0.01 below, never under 0.01. */
export function toTick(premium: number): number {
  const tick = premium >= 3 ? 0.05 : 0.01;
  return Math.max(0.01, Math.round(Math.round(premium / tick) * tick * 100) / 100);
}

/** Standard normal distribution function (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
