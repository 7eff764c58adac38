import { DomainError } from '../../domain/errors.js';

/**
 * Opaque pagination cursors. Each names what it pages (so a history cursor is not mistaken for a
 * runs cursor) and carries a sequence; clients must not build them, so their form may change.
 */
export type CursorKind = 'history' | 'runs';

export function encodeCursor(kind: CursorKind, sequence: number): string {
  return Buffer.from(`${kind}:${sequence}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: CursorKind, cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [prefix, digits] = text.split(':');
  const sequence = Number(digits);
  if (prefix !== kind || !/^\d+$/.test(digits ?? '') || !Number.isSafeInteger(sequence)) {
    throw new DomainError('BAD_USER_INPUT', `not a valid ${kind} cursor: ${cursor}`);
  }
  return sequence;
}
