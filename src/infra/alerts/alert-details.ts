import type { Alert, DiscrepancyAlert } from '../../domain/alerts/alert.js';
import { describeContract } from '../../domain/contract.js';

/** A quantity as a person reads it; a side that holds nothing says so. */
export function quantityText(quantity: number | null): string {
  return quantity === null ? 'none' : String(quantity);
}

/** The discrepancy's contract as a trader writes it: `SPY 2026-12-18 600 C`. */
export function contractText(alert: DiscrepancyAlert): string {
  return describeContract(alert.discrepancy.contract);
}

/** `discrepancy.opened`, `health.resolved`, `test`: the event type receivers switch on. */
export function alertEventType(alert: Alert): string {
  if (alert.subject === 'test') return 'test';
  return `${alert.subject}.${alert.kind.toLowerCase()}`;
}
