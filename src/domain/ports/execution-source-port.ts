import type { Contract } from '../contract.js';
import type { Execution } from '../execution.js';

/** One execution as the broker reported it, with the contract it traded. */
export interface ReportedExecution {
  readonly execution: Execution;
  readonly contract: Contract;
}

/** What one request for the day's executions returned. */
export interface ExecutionReport {
  readonly executions: readonly ReportedExecution[];
  /**
   * False when the deadline passed before the end marker: some TWS builds never send
   * execDetailsEnd, so what arrived until then is all the request can say.
   */
  readonly complete: boolean;
  readonly receivedAt: Date;
}

/**
 * Where executions come from: the broker's fills, pulled for the day and pushed as they happen.
 * Only the tracked security types reach a listener; rows that cannot be read are logged once and
 * skipped by the adapter.
 */
export interface ExecutionSourcePort {
  /** The day's executions of every account; rejects with BrokerUnavailableError when not connected. */
  executions(): Promise<ExecutionReport>;
  /**
   * Every execution the connection receives, pulled or pushed, and the same execution again once
   * its commission report arrives (commission and realized P&L set). Listeners must be idempotent
   * by execId: after a reconnect the day's executions arrive again.
   */
  onExecution(listener: (reported: ReportedExecution) => void): () => void;
}
