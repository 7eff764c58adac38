import { type FormattedExecutionResult, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../../domain/errors.js';
import { ConsumerTooSlowError } from '../../domain/event-hub.js';
import type { Logger } from '../logger.js';

/** What a client reads instead of an error it should not see. */
export const MASKED_MESSAGE = 'Unexpected error.';

/**
 * What clients may see of an error. Domain errors carry a stable code and a message written for
 * people; input the schema refused (a variable of the wrong type, a bad DateTime) is the client's
 * to fix; a subscriber that fell behind is told to resume; anything else is masked.
 */
export function toClientError(error: unknown, maskedMessage: string): GraphQLError {
  const cause = rootCause(error);
  const at = error instanceof GraphQLError ? error : undefined;
  const located = {
    nodes: at?.nodes ?? null,
    source: at?.source ?? null,
    positions: at?.positions ?? null,
    path: at?.path ?? null,
  };
  if (cause instanceof DomainError) {
    return new GraphQLError(cause.message, { ...located, extensions: { code: cause.code } });
  }
  if (cause instanceof ConsumerTooSlowError) {
    return new GraphQLError(cause.message, { ...located, extensions: { code: 'CONSUMER_TOO_SLOW' } });
  }
  if (at && !at.originalError) return withoutParserDetails(at);
  if (at && cause instanceof GraphQLError) {
    // graphql-js wraps what a scalar or coercion refused (`Variable "$at" got invalid value…`):
    // the message is about the client's input and safe to show; nothing was executed.
    return new GraphQLError(at.message, {
      ...located,
      extensions: {
        code: typeof cause.extensions.code === 'string' ? cause.extensions.code : 'BAD_USER_INPUT',
        ...(at.path === undefined ? { http: { status: 400 } } : {}),
      },
    });
  }
  return new GraphQLError(maskedMessage, {
    ...located,
    extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true },
  });
}

/**
 * `toClientError` for a server: what the client is not told goes to the log, so the person who
 * runs the service can see what went wrong.
 */
export function clientErrorMasker(logger: Logger) {
  return (error: unknown, maskedMessage: string = MASKED_MESSAGE): GraphQLError => {
    const client = toClientError(error, maskedMessage);
    if (client.extensions.unexpected === true) {
      logger.error('a GraphQL operation failed unexpectedly (the client was told only that)', {
        error: rootCause(error),
        path: client.path?.join('.'),
      });
    } else if (client.extensions.code === 'STORE_UNAVAILABLE') {
      // The client got a plain sentence; the operator needs the database's own words.
      logger.error('a GraphQL operation could not use the store', {
        error: rootCause(error),
        path: client.path?.join('.'),
      });
    }
    return client;
  };
}

/**
 * A request yoga could not parse (a body that is not JSON) carries the parser's error as an
 * extension, whose message quotes the body back: the client gets one sentence instead, with the
 * parser's reason and without its own text repeated.
 */
function withoutParserDetails(error: GraphQLError): GraphQLError {
  const { originalError, ...extensions } = error.extensions as Record<string, unknown>;
  const parser = originalError as { message?: unknown } | undefined;
  if (typeof parser?.message !== 'string') return error;
  const reason = parser.message.replace(/, ".*" is not valid JSON$/s, '');
  return new GraphQLError(`${error.message.replace(/\.$/, '')}: ${reason}`, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    extensions,
  });
}

/** The innermost error behind GraphQL's wrappers. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/**
 * An error as it goes on the wire, without the server's own bookkeeping (`http` tells yoga which
 * status to answer with, `unexpected` marks a masked error): yoga strips both on HTTP, and the
 * WebSocket sends exactly the same.
 */
export function formatForClient(error: GraphQLError): GraphQLFormattedError {
  const { extensions, ...rest } = error.toJSON();
  const { http: _http, unexpected: _unexpected, ...kept } = extensions ?? {};
  return Object.keys(kept).length > 0 ? { ...rest, extensions: kept } : rest;
}

export function formatResultForClient(result: {
  readonly data?: unknown;
  readonly errors?: readonly GraphQLError[] | undefined;
  readonly extensions?: unknown;
}): FormattedExecutionResult {
  const { errors, ...rest } = result;
  return {
    ...(rest as FormattedExecutionResult),
    ...(errors ? { errors: errors.map(formatForClient) } : {}),
  };
}
