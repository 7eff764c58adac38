import type { Discrepancy } from './discrepancy.js';

export type DiscrepancyEventKind = 'OPENED' | 'UPDATED' | 'ACKNOWLEDGED' | 'RESOLVED';

/** One change of a discrepancy: its kind, the discrepancy's new state, the time. */
export interface DiscrepancyEvent {
  readonly kind: DiscrepancyEventKind;
  readonly discrepancy: Discrepancy;
  readonly at: Date;
}

/** A discrepancy event once persisted: its sequence is the cursor subscribers resume after. */
export interface RecordedDiscrepancyEvent extends DiscrepancyEvent {
  readonly sequence: number;
}
