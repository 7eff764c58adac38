import type { BrokerState } from './ports/broker-port.js';
import type { ReconciliationStatusInfo } from './reconciliation/reconciliation-service.js';
import type { Verification } from './verification.js';

/** LIVE trades real money; PAPER is an IB paper account (every managed account starts with DU). */
export type RunMode = 'LIVE' | 'PAPER' | 'DEMO';

export interface BrokerStatus {
  readonly state: BrokerState;
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  readonly accounts: readonly string[];
  readonly serverVersion: number | null;
  readonly connectedSince: Date | null;
  readonly lastMessageAt: Date | null;
  readonly lastError: string | null;
}

export interface StoreStatus {
  readonly path: string;
  readonly bufferedUpdates: number;
  readonly lastFlushAt: Date | null;
  readonly totalUpdates: number;
  readonly lastError: string | null;
}

/** Where alerts go and what the outbox holds; `dead` alerts were given up, nobody received them. */
export interface AlertStatus {
  readonly routes: readonly string[];
  readonly pending: number;
  readonly dead: number;
}

export interface SystemStatus {
  readonly mode: RunMode;
  readonly version: string;
  readonly startedAt: Date;
  readonly broker: BrokerStatus;
  readonly store: StoreStatus;
  readonly reconciliation: ReconciliationStatusInfo;
  /** Whether the store has recently been proven equal to the broker. */
  readonly verification: Verification;
  readonly alerts: AlertStatus;
}

/** Paper accounts are recognisable by their DU prefix; a demo says so itself. */
export function runModeOf(accounts: readonly string[], demo: boolean): RunMode {
  if (demo) return 'DEMO';
  return accounts.length > 0 && accounts.every((a) => a.startsWith('DU')) ? 'PAPER' : 'LIVE';
}
