/**
 * Times in executions and in the execution filter. TWS writes an execution's time to the second in
 * the time zone of its login, with the zone's name: `20261125 10:31:02 US/Eastern` (older builds
 * wrote `20261125  10:31:02`, two spaces and no zone). A filter's time is either UTC,
 * `20261125-15:31:02`, or local like an execution's, with or without a zone name.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a zone the runtime does not know.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the zone (IANA names, and the old links TWS uses such as US/Eastern). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** `20261125 10:31:02 US/Eastern`: the instant, to the second, in the zone, with its name. */
export function formatExecutionTime(at: Date, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${t.year}${two(t.month)}${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)} ${timeZone}`;
}

const FILTER_TIME = /^(\d{4})(\d{2})(\d{2})(-| +)(\d{2}):(\d{2})(?::(\d{2}))?(?: (\S+))?$/;

/**
 * The instant a filter's time names, or undefined when the text is not a time. `-` between date
 * and time means UTC; otherwise the time is local to the zone named after it, else to
 * `loginTimeZone`. Seconds may be left out.
 */
export function parseFilterTime(text: string, loginTimeZone: string): Date | undefined {
  const match = FILTER_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, separator, h, mi, s = '00', zone] = match;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(asUtc).getUTCDate() !== day) return undefined;
  if (separator === '-') return zone === undefined ? new Date(asUtc) : undefined;
  const timeZone = zone ?? loginTimeZone;
  if (!isKnownTimeZone(timeZone)) return undefined;
  return new Date(asUtc - offsetAt(asUtc - offsetAt(asUtc, timeZone), timeZone));
}

/** How far the zone's wall clock is ahead of UTC at the instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const t = localTime(new Date(instant), timeZone);
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return wall - Math.floor(instant / 1000) * 1000;
}
