import { GraphQLError } from 'graphql';
import { DomainError } from '../../domain/errors.js';
import { ConsumerTooSlowError } from '../../domain/event-hub.js';

/**
 * What clients may see of an error. Domain errors carry a stable code and a message written for
 * people; a subscriber that fell behind is told to resume; anything else is masked.
 */
export function toClientError(error: unknown, maskedMessage: string): GraphQLError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, { path, extensions: { code: original.code } });
  }
  if (original instanceof ConsumerTooSlowError) {
    return new GraphQLError(original.message, { path, extensions: { code: 'CONSUMER_TOO_SLOW' } });
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  return new GraphQLError(maskedMessage, {
    path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
