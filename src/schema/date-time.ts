import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

function parse(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string');
  // An instant needs its offset: without one, "2026-11-25T10:00" would mean the server's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new GraphQLError(
      `DateTime must be ISO-8601 with an offset, such as 2026-11-25T15:00:00Z; got "${value}"`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`not a valid DateTime: "${value}"`);
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
