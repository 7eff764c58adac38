import { type Contract, isOption } from './contract.js';

/**
 * US equity and index options stop trading at the 16:00 close on their last trading day, New York
 * time. After that moment a broker may stop reporting the position at any time (expired worthless,
 * exercised or assigned), so the store's row is explained, not naked.
 */
export const EXCHANGE_TIME_ZONE = 'America/New_York';
const CLOSE_MINUTES = 16 * 60;

const exchangeClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: EXCHANGE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The exchange's local date (YYYYMMDD) and minutes after midnight at `instant`. */
export function exchangeLocalTime(instant: Date): { date: string; minutes: number } {
  const parts = Object.fromEntries(exchangeClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}${parts.month}${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** True once the option's last trading day has closed on the exchange. */
export function hasExpired(contract: Contract, now: Date): boolean {
  if (!isOption(contract) || !contract.expiry || !/^\d{8}$/.test(contract.expiry)) return false;
  const local = exchangeLocalTime(now);
  if (local.date !== contract.expiry) return local.date > contract.expiry;
  return local.minutes >= CLOSE_MINUTES;
}
