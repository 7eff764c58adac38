const NEW_YORK_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The exchange date (America/New_York) of an instant, as YYYY-MM-DD. A position closed today stays
 * in the broker's reports until this date changes.
 */
export function tradingDay(at: Date): string {
  return NEW_YORK_DATE.format(at);
}
