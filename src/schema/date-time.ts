import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

// An instant needs its offset: without one, "2026-11-25T10:00" would mean the server's zone.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string');
  const match = ISO_INSTANT.exec(value);
  if (!match) {
    throw new GraphQLError(
      `DateTime must be ISO-8601 with an offset, such as 2026-11-25T15:00:00Z; got "${value}"`,
    );
  }
  // JavaScript would roll 2026-02-30 over into March: a date that does not exist is refused.
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  const valid =
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  const date = new Date(value);
  if (!valid || Number.isNaN(date.getTime())) throw new GraphQLError(`not a valid DateTime: "${value}"`);
  return date;
}

export const DateTimeScalar = builder.scalarType('DateTime', {
  description: 'An instant, ISO-8601 with an offset (UTC on output), e.g. 2026-11-25T15:00:00.000Z',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parse(ast.value);
  },
});
