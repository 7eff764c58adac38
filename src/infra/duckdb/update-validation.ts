import type { Contract } from '../../domain/contract.js';
import { DomainError } from '../../domain/errors.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import { isStorableDecimal } from './exact-decimal.js';

const SOURCES = new Set(['STREAM', 'SNAPSHOT', 'EXPIRY', 'MANUAL']);

/**
 * Refuses an update the store could not write. Checked before it is buffered: one bad row inside
 * a batch would make every retry of that batch fail, and nothing behind it would ever be stored.
 * (Written as plain checks: it runs for every update.)
 */
export function validatePositionUpdate(update: PositionUpdate): void {
  const problems = positionUpdateProblems(update);
  if (problems.length > 0) {
    const label = typeof update?.idempotencyKey === 'string' ? update.idempotencyKey : '(no idempotency key)';
    throw new DomainError('BAD_USER_INPUT', `position update ${label} refused: ${problems.join('; ')}`);
  }
}

export function positionUpdateProblems(update: PositionUpdate): string[] {
  if (typeof update !== 'object' || update === null) return ['not an object'];
  const problems: string[] = [];
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
  if (typeof contract !== 'object' || contract === null) problems.push('contract is missing');
  else contractProblems(contract, update.conId, problems);
  if (typeof update.quantity !== 'number' || !isStorableDecimal(update.quantity)) {
    problems.push(`quantity ${update.quantity} is not a finite number below 1e28`);
  }
  money(update.averageCost, 'averageCost', problems);
  money(update.marketPrice, 'marketPrice', problems);
  money(update.marketValue, 'marketValue', problems);
  money(update.unrealizedPnl, 'unrealizedPnl', problems);
  money(update.realizedPnl, 'realizedPnl', problems);
  if (!SOURCES.has(update.source))
    problems.push(`source ${update.source} is not STREAM, SNAPSHOT, EXPIRY or MANUAL`);
  if (!(update.brokerTime instanceof Date) || Number.isNaN(update.brokerTime.getTime())) {
    problems.push('brokerTime is not a valid date');
  }
  return problems;
}

function contractProblems(contract: Contract, conId: number, problems: string[]): void {
  if (contract.conId !== conId) problems.push(`contract.conId ${contract.conId} differs from conId`);
  required(contract.symbol, 'symbol', problems);
  required(contract.secType, 'secType', problems);
  required(contract.currency, 'currency', problems);
  optionalText(contract.localSymbol, 'localSymbol', problems);
  optionalText(contract.tradingClass, 'tradingClass', problems);
  optionalText(contract.exchange, 'exchange', problems);
  optionalText(contract.expiry, 'expiry', problems);
  if (contract.strike !== undefined && !Number.isFinite(contract.strike)) {
    problems.push(`contract.strike ${contract.strike} is not finite`);
  }
  if (contract.multiplier !== undefined && !Number.isFinite(contract.multiplier)) {
    problems.push(`contract.multiplier ${contract.multiplier} is not finite`);
  }
  if (contract.right !== undefined && contract.right !== 'CALL' && contract.right !== 'PUT') {
    problems.push(`contract.right ${contract.right} is not CALL or PUT`);
  }
}

function required(value: unknown, field: string, problems: string[]): void {
  if (typeof value !== 'string' || value.length === 0) problems.push(`contract.${field} is empty`);
}

function optionalText(value: unknown, field: string, problems: string[]): void {
  if (value !== undefined && typeof value !== 'string') problems.push(`contract.${field} is not text`);
}

function money(value: number | undefined, field: string, problems: string[]): void {
  if (value !== undefined && (typeof value !== 'number' || !isStorableDecimal(value))) {
    problems.push(`${field} ${value} is not a finite number below 1e28`);
  }
}
