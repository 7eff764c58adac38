import { DomainError } from '../../domain/errors.js';

/** The most rows one read returns, whatever a client asks for. */
export const MAX_PAGE_SIZE = 1000;

export function pageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `page size must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`,
    );
  }
  return first;
}

/** A sequence a page continues after. */
export function pageAfter(sequence: number): number {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `a sequence must be a whole number of zero or more, got ${sequence}`,
    );
  }
  return sequence;
}
