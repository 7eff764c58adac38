import { DomainError } from '../domain/errors.js';

/** Opaque cursors for clients: a kind and a value, base64url-encoded. */
export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`)) {
    throw new DomainError('BAD_USER_INPUT', `"${cursor}" is not a cursor of this list or subscription`);
  }
  return text.slice(kind.length + 1);
}

export function decodeSequenceCursor(kind: string, cursor: string | null | undefined): number | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const value = Number(decodeCursor(kind, cursor));
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new DomainError('BAD_USER_INPUT', `"${cursor}" is not a cursor of this list or subscription`);
  }
  return value;
}
