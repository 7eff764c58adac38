import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { clientErrorMasker } from '../../src/infra/http/graphql-errors.js';
import { createLogger } from '../../src/infra/logger.js';

function masker() {
  const lines: Record<string, unknown>[] = [];
  const mask = clientErrorMasker(createLogger({ write: (l) => lines.push(JSON.parse(l)) }));
  return { mask, lines };
}

describe('what clients are told of an error', () => {
  it('an unexpected error is masked, keeps its path, and is logged in full', () => {
    const { mask, lines } = masker();
    const thrown = new GraphQLError('boom', {
      path: ['positions'],
      originalError: new TypeError("Cannot read properties of undefined (reading 'conId')"),
    });
    const told = mask(thrown);
    expect(told.message).toBe('Unexpected error.');
    expect(told.path).toEqual(['positions']);
    expect(told.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(told)).not.toContain('conId');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        error: "Cannot read properties of undefined (reading 'conId')",
        path: 'positions',
      }),
    ]);
  });

  it('a domain error keeps its message and its stable code, and is not logged as a failure', () => {
    const { mask, lines } = masker();
    const told = mask(
      new GraphQLError('x', { originalError: new DomainError('NOT_FOUND', 'no discrepancy with id d-1') }),
    );
    expect(told.message).toBe('no discrepancy with id d-1');
    expect(told.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(lines).toEqual([]);
  });
});
