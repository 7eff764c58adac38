import type { DriftExplanation, DriftStep } from './drift-explanation.js';
import type { Execution } from './execution.js';
import { EXCHANGE_TIME_ZONE } from './option-expiry.js';

/** How many executions a text names before it counts the rest. */
const NAMED = 5;
const NO_TRADE = 'exercise, assignment, expiry or a transfer?';

const exchangeTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: EXCHANGE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface TextContext {
  /** Broker minus store. */
  readonly difference: number;
  /** When the store last set the key's quantity; undefined when it never held the key. */
  readonly since: Date | undefined;
  readonly now: Date;
  /** The position is (or was) short: an expiring option is assigned rather than exercised. */
  readonly short: boolean;
  /** The option's last trading day, YYYYMMDD, for the expiry hint. */
  readonly expiry: string | undefined;
}

/**
 * The explanation in one sentence for the person on call. Times are the exchange's (New York), as
 * for expiries; a time on another day than `now` carries its date.
 */
export function explanationText(explanation: Omit<DriftExplanation, 'text'>, context: TextContext): string {
  const { kind, steps } = explanation;
  const since = context.since ? ` since ${clock(context.since, context.now, 'minutes')}` : '';
  const fills = steps.filter((s) => s.replaces === undefined);
  const corrections = steps.filter((s) => s.replaces !== undefined);
  switch (kind) {
    case 'MISSED_FILLS': {
      const what = [fills.length, corrections.length]
        .map((n, i) => (n === 0 ? '' : counted(n, i === 0 ? 'fill' : 'correction')))
        .filter((part) => part !== '')
        .join(' and ');
      return `the store missed ${what}, ${list(steps, context.now)}`;
    }
    case 'STORE_AHEAD': {
      const reduced = corrections.filter((s) => s.execution.shares < (s.replaces?.shares ?? 0));
      const others = steps.filter((s) => !reduced.includes(s));
      const missed = others.length > 0 ? `; it also missed ${list(others, context.now)}` : '';
      return `the store holds ${reduced.length === 1 ? 'a fill' : 'fills'} the broker has since corrected or busted: ${list(reduced, context.now)}${missed}`;
    }
    case 'PARTLY_EXPLAINED':
      return (
        `executions${since} account for ${signed(explanation.explainedQuantity)} of the ` +
        `${signed(context.difference)} difference (${list(steps, context.now)}); ` +
        `${signed(explanation.unexplainedQuantity)} is unexplained: ${NO_TRADE}${hint(explanation, context)}`
      );
    case 'NO_EXECUTION': {
      const net = steps.length > 0 ? ` (the ${counted(steps.length, 'execution')} since net to zero)` : '';
      return `no execution${since} accounts for it${net}: ${NO_TRADE}${hint(explanation, context)}`;
    }
  }
}

function hint(explanation: Omit<DriftExplanation, 'text'>, context: TextContext): string {
  if (explanation.expiry === 'EXPIRED') {
    const how = context.short ? 'assigned' : 'exercised';
    const e = context.expiry ?? '';
    const on = /^\d{8}$/.test(e) ? ` on ${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}` : '';
    return ` The option expired${on}: in the money it was ${how}, out of the money it expired worthless.`;
  }
  if (explanation.expiry === 'EXPIRES_TODAY') {
    return context.short
      ? ' The option expires today: a short option in the money can be assigned early.'
      : ' The option expires today: an option in the money can be exercised early.';
  }
  return '';
}

function list(steps: readonly DriftStep[], now: Date): string {
  const named = steps.slice(0, NAMED).map((s) => describeStep(s, now));
  const rest = steps.length - named.length;
  if (rest > 0) return `${named.join(', ')} and ${rest} more`;
  if (named.length <= 1) return named.join('');
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

function describeStep(step: DriftStep, now: Date): string {
  const { execution, replaces } = step;
  if (!replaces) return `${clock(execution.time, now, 'seconds')} ${fill(execution)}`;
  const became = execution.shares === 0 ? 'busted' : `corrected to ${fill(execution)}`;
  return `${clock(replaces.time, now, 'seconds')} ${fill(replaces)} ${became} at ${clock(execution.time, now, 'seconds')}`;
}

/** `BOT 2 @ 5.10`: prices with at least two decimals, as traders write them. */
function fill(execution: Execution): string {
  const decimals = Math.max(2, (String(execution.price).split('.')[1] ?? '').length);
  return `${execution.side} ${execution.shares} @ ${execution.price.toFixed(Math.min(decimals, 10))}`;
}

function clock(at: Date, now: Date, precision: 'minutes' | 'seconds'): string {
  const p = parts(at);
  const time = precision === 'minutes' ? `${p.hour}:${p.minute}` : `${p.hour}:${p.minute}:${p.second}`;
  const today = parts(now);
  const sameDay = p.year === today.year && p.month === today.month && p.day === today.day;
  return sameDay ? time : `${p.year}-${p.month}-${p.day} ${time}`;
}

function parts(at: Date): Record<string, string> {
  return Object.fromEntries(exchangeTime.formatToParts(at).map((p) => [p.type, p.value]));
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function signed(quantity: number): string {
  return quantity > 0 ? `+${quantity}` : String(quantity);
}
