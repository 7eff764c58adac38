import { DomainError } from '../../domain/errors.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import { isStorableDecimal } from './exact-decimal.js';

const SOURCES = new Set(['STREAM', 'SNAPSHOT', 'EXPIRY', 'MANUAL']);
const RIGHTS = new Set(['CALL', 'PUT']);
const VALUATION_FIELDS = [
  'averageCost',
  'marketPrice',
  'marketValue',
  'unrealizedPnl',
  'realizedPnl',
] as const;

/**
 * Refuses an update the store could not write. Checked before it is buffered: one bad row inside
 * a batch would make every retry of that batch fail, and nothing behind it would ever be stored.
 */
export function validatePositionUpdate(update: PositionUpdate): void {
  const problems = positionUpdateProblems(update);
  if (problems.length > 0) {
    const label = typeof update?.idempotencyKey === 'string' ? update.idempotencyKey : '(no idempotency key)';
    throw new DomainError('BAD_USER_INPUT', `position update ${label} refused: ${problems.join('; ')}`);
  }
}

export function positionUpdateProblems(update: PositionUpdate): string[] {
  const problems: string[] = [];
  if (typeof update !== 'object' || update === null) return ['not an object'];
  if (!Number.isSafeInteger(update.sequence) || update.sequence <= 0) {
    problems.push(`sequence ${update.sequence} is not a positive integer`);
  }
  if (typeof update.idempotencyKey !== 'string' || update.idempotencyKey.length === 0) {
    problems.push('idempotencyKey is empty');
  }
  if (typeof update.account !== 'string' || update.account.length === 0) problems.push('account is empty');
  if (!Number.isSafeInteger(update.conId) || update.conId <= 0) {
    problems.push(`conId ${update.conId} is not a positive integer`);
  }
  const contract = update.contract;
  if (typeof contract !== 'object' || contract === null) {
    problems.push('contract is missing');
  } else {
    if (contract.conId !== update.conId) problems.push(`contract.conId ${contract.conId} differs from conId`);
    for (const field of ['symbol', 'secType', 'currency'] as const) {
      if (typeof contract[field] !== 'string' || contract[field].length === 0)
        problems.push(`contract.${field} is empty`);
    }
    for (const field of ['localSymbol', 'tradingClass', 'exchange', 'expiry'] as const) {
      const value = contract[field];
      if (value !== undefined && typeof value !== 'string') problems.push(`contract.${field} is not text`);
    }
    for (const field of ['strike', 'multiplier'] as const) {
      const value = contract[field];
      if (value !== undefined && !Number.isFinite(value))
        problems.push(`contract.${field} ${value} is not finite`);
    }
    if (contract.right !== undefined && !RIGHTS.has(contract.right)) {
      problems.push(`contract.right ${contract.right} is not CALL or PUT`);
    }
  }
  if (typeof update.quantity !== 'number' || !isStorableDecimal(update.quantity)) {
    problems.push(`quantity ${update.quantity} is not a finite number below 1e28`);
  }
  for (const field of VALUATION_FIELDS) {
    const value = update[field];
    if (value !== undefined && (typeof value !== 'number' || !isStorableDecimal(value))) {
      problems.push(`${field} ${value} is not a finite number below 1e28`);
    }
  }
  if (!SOURCES.has(update.source))
    problems.push(`source ${update.source} is not STREAM, SNAPSHOT, EXPIRY or MANUAL`);
  if (!(update.brokerTime instanceof Date) || Number.isNaN(update.brokerTime.getTime())) {
    problems.push('brokerTime is not a valid date');
  }
  return problems;
}
