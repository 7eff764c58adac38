/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BrokerState =
  | 'CONNECTED'
  | 'CONNECTING'
  | 'DISCONNECTED'
  | 'READY';

export type DiscrepancyEventKind =
  | 'ACKNOWLEDGED'
  | 'OPENED'
  | 'RESOLVED'
  | 'UPDATED';

export type DiscrepancyStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type DiscrepancyType =
  | 'MISSING_FROM_STORE'
  | 'NAKED_POSITION'
  | 'POSITION_MISMATCH'
  | 'STALE_DATA';

export type OptionRight =
  | 'CALL'
  | 'PUT';

export type PositionChange =
  | 'CHANGED'
  | 'CLOSED'
  | 'OPENED'
  | 'REFRESHED';

export type PositionSource =
  | 'EXPIRY'
  | 'MANUAL'
  | 'SNAPSHOT'
  | 'STREAM';

export type ReconciliationStatus =
  | 'BROKER_UNAVAILABLE'
  | 'CLEAN'
  | 'DISCREPANCIES'
  | 'FAILED';

export type ReconciliationTrigger =
  | 'MANUAL'
  | 'RECONNECT'
  | 'SCHEDULED'
  | 'STARTUP';

/** PAPER: every managed account starts with "DU" */
export type RunMode =
  | 'DEMO'
  | 'LIVE'
  | 'PAPER';

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

/** VERIFIED: the latest run with a complete snapshot is younger than two reconciliation intervals and the broker is READY. UNVERIFIED: no such run yet, or the broker is not READY. STALE: that run is older. */
export type VerificationState =
  | 'STALE'
  | 'UNVERIFIED'
  | 'VERIFIED';

/** ADMIN may run mutations; READ may only read and subscribe */
export type ViewerRole =
  | 'ADMIN'
  | 'READ';

export type PositionPartsFragment = { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, unrealizedPnl: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } };

export type DiscrepancyPartsFragment = { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, note: string | null, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } };

export type RunPartsFragment = { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, startedAt: string, durationMs: number, discrepancyCount: number, criticalCount: number, summary: string, error: string | null, brokerPositionCount: number, storePositionCount: number, deferredCount: number, caughtUpCount: number, loadedCount: number };

export type StatusPartsFragment = { mode: RunMode, version: string, startedAt: string, broker: { state: BrokerState, host: string, port: number, clientId: number, accounts: Array<string>, lastError: string | null, connectedSince: string | null }, store: { bufferedUpdates: number, lastFlushAt: string | null, lastError: string | null, totalUpdates: number }, reconciliation: { running: boolean, intervalMs: number, nextRunAt: string | null }, verification: { state: VerificationState, reason: string | null, verifiedAt: string | null }, alerts: { routes: Array<string>, pending: number, dead: number } };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { viewer: { role: ViewerRole }, status: { mode: RunMode, version: string, startedAt: string, broker: { state: BrokerState, host: string, port: number, clientId: number, accounts: Array<string>, lastError: string | null, connectedSince: string | null }, store: { bufferedUpdates: number, lastFlushAt: string | null, lastError: string | null, totalUpdates: number }, reconciliation: { running: boolean, intervalMs: number, nextRunAt: string | null }, verification: { state: VerificationState, reason: string | null, verifiedAt: string | null }, alerts: { routes: Array<string>, pending: number, dead: number } }, positions: Array<{ id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, unrealizedPnl: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } }>, discrepancies: Array<{ id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, note: string | null, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } }>, reconciliationRuns: { edges: Array<{ node: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, startedAt: string, durationMs: number, discrepancyCount: number, criticalCount: number, summary: string, error: string | null, brokerPositionCount: number, storePositionCount: number, deferredCount: number, caughtUpCount: number, loadedCount: number } }> } };

export type DashboardPositionsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardPositionsSubscription = { positionUpdated: { cursor: string, change: PositionChange, position: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, unrealizedPnl: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } } } };

export type DashboardDiscrepanciesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DashboardDiscrepanciesSubscription = { discrepancyChanged: { cursor: string, kind: DiscrepancyEventKind, discrepancy: { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, note: string | null, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } } } };

export type DashboardRunsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardRunsSubscription = { reconciliationCompleted: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, startedAt: string, durationMs: number, discrepancyCount: number, criticalCount: number, summary: string, error: string | null, brokerPositionCount: number, storePositionCount: number, deferredCount: number, caughtUpCount: number, loadedCount: number } };

export type DashboardStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardStatusSubscription = { statusChanged: { mode: RunMode, version: string, startedAt: string, broker: { state: BrokerState, host: string, port: number, clientId: number, accounts: Array<string>, lastError: string | null, connectedSince: string | null }, store: { bufferedUpdates: number, lastFlushAt: string | null, lastError: string | null, totalUpdates: number }, reconciliation: { running: boolean, intervalMs: number, nextRunAt: string | null }, verification: { state: VerificationState, reason: string | null, verifiedAt: string | null }, alerts: { routes: Array<string>, pending: number, dead: number } } };

export type DashboardReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type DashboardReconcileMutation = { reconcile: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, startedAt: string, durationMs: number, discrepancyCount: number, criticalCount: number, summary: string, error: string | null, brokerPositionCount: number, storePositionCount: number, deferredCount: number, caughtUpCount: number, loadedCount: number } };

export type DashboardAcknowledgeMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type DashboardAcknowledgeMutation = { acknowledgeDiscrepancy: { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, note: string | null, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } } };

export type DashboardResolveMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type DashboardResolveMutation = { resolveDiscrepancy: { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, note: string | null, contract: { conId: number, symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null, localSymbol: string | null, multiplier: number | null, currency: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PositionPartsFragmentDoc = new TypedDocumentString(`
    fragment PositionParts on Position {
  id
  account
  quantity
  averageCost
  marketPrice
  marketValue
  unrealizedPnl
  updatedAt
  source
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}
    `, {"fragmentName":"PositionParts"}) as unknown as TypedDocumentString<PositionPartsFragment, unknown>;
export const DiscrepancyPartsFragmentDoc = new TypedDocumentString(`
    fragment DiscrepancyParts on Discrepancy {
  id
  type
  severity
  status
  account
  message
  brokerQuantity
  storeQuantity
  difference
  firstSeenAt
  lastSeenAt
  acknowledgedAt
  note
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}
    `, {"fragmentName":"DiscrepancyParts"}) as unknown as TypedDocumentString<DiscrepancyPartsFragment, unknown>;
export const RunPartsFragmentDoc = new TypedDocumentString(`
    fragment RunParts on ReconciliationRun {
  id
  trigger
  status
  startedAt
  durationMs
  discrepancyCount
  criticalCount
  summary
  error
  brokerPositionCount
  storePositionCount
  deferredCount
  caughtUpCount
  loadedCount
}
    `, {"fragmentName":"RunParts"}) as unknown as TypedDocumentString<RunPartsFragment, unknown>;
export const StatusPartsFragmentDoc = new TypedDocumentString(`
    fragment StatusParts on SystemStatus {
  mode
  version
  startedAt
  broker {
    state
    host
    port
    clientId
    accounts
    lastError
    connectedSince
  }
  store {
    bufferedUpdates
    lastFlushAt
    lastError
    totalUpdates
  }
  reconciliation {
    running
    intervalMs
    nextRunAt
  }
  verification {
    state
    reason
    verifiedAt
  }
  alerts {
    routes
    pending
    dead
  }
}
    `, {"fragmentName":"StatusParts"}) as unknown as TypedDocumentString<StatusPartsFragment, unknown>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard {
  viewer {
    role
  }
  status {
    ...StatusParts
  }
  positions {
    ...PositionParts
  }
  discrepancies {
    ...DiscrepancyParts
  }
  reconciliationRuns(first: 30) {
    edges {
      node {
        ...RunParts
      }
    }
  }
}
    fragment PositionParts on Position {
  id
  account
  quantity
  averageCost
  marketPrice
  marketValue
  unrealizedPnl
  updatedAt
  source
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}
fragment DiscrepancyParts on Discrepancy {
  id
  type
  severity
  status
  account
  message
  brokerQuantity
  storeQuantity
  difference
  firstSeenAt
  lastSeenAt
  acknowledgedAt
  note
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}
fragment RunParts on ReconciliationRun {
  id
  trigger
  status
  startedAt
  durationMs
  discrepancyCount
  criticalCount
  summary
  error
  brokerPositionCount
  storePositionCount
  deferredCount
  caughtUpCount
  loadedCount
}
fragment StatusParts on SystemStatus {
  mode
  version
  startedAt
  broker {
    state
    host
    port
    clientId
    accounts
    lastError
    connectedSince
  }
  store {
    bufferedUpdates
    lastFlushAt
    lastError
    totalUpdates
  }
  reconciliation {
    running
    intervalMs
    nextRunAt
  }
  verification {
    state
    reason
    verifiedAt
  }
  alerts {
    routes
    pending
    dead
  }
}`) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const DashboardPositionsDocument = new TypedDocumentString(`
    subscription DashboardPositions($after: String) {
  positionUpdated(after: $after) {
    cursor
    change
    position {
      ...PositionParts
    }
  }
}
    fragment PositionParts on Position {
  id
  account
  quantity
  averageCost
  marketPrice
  marketValue
  unrealizedPnl
  updatedAt
  source
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}`) as unknown as TypedDocumentString<DashboardPositionsSubscription, DashboardPositionsSubscriptionVariables>;
export const DashboardDiscrepanciesDocument = new TypedDocumentString(`
    subscription DashboardDiscrepancies($after: String) {
  discrepancyChanged(after: $after) {
    cursor
    kind
    discrepancy {
      ...DiscrepancyParts
    }
  }
}
    fragment DiscrepancyParts on Discrepancy {
  id
  type
  severity
  status
  account
  message
  brokerQuantity
  storeQuantity
  difference
  firstSeenAt
  lastSeenAt
  acknowledgedAt
  note
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}`) as unknown as TypedDocumentString<DashboardDiscrepanciesSubscription, DashboardDiscrepanciesSubscriptionVariables>;
export const DashboardRunsDocument = new TypedDocumentString(`
    subscription DashboardRuns {
  reconciliationCompleted {
    ...RunParts
  }
}
    fragment RunParts on ReconciliationRun {
  id
  trigger
  status
  startedAt
  durationMs
  discrepancyCount
  criticalCount
  summary
  error
  brokerPositionCount
  storePositionCount
  deferredCount
  caughtUpCount
  loadedCount
}`) as unknown as TypedDocumentString<DashboardRunsSubscription, DashboardRunsSubscriptionVariables>;
export const DashboardStatusDocument = new TypedDocumentString(`
    subscription DashboardStatus {
  statusChanged {
    ...StatusParts
  }
}
    fragment StatusParts on SystemStatus {
  mode
  version
  startedAt
  broker {
    state
    host
    port
    clientId
    accounts
    lastError
    connectedSince
  }
  store {
    bufferedUpdates
    lastFlushAt
    lastError
    totalUpdates
  }
  reconciliation {
    running
    intervalMs
    nextRunAt
  }
  verification {
    state
    reason
    verifiedAt
  }
  alerts {
    routes
    pending
    dead
  }
}`) as unknown as TypedDocumentString<DashboardStatusSubscription, DashboardStatusSubscriptionVariables>;
export const DashboardReconcileDocument = new TypedDocumentString(`
    mutation DashboardReconcile {
  reconcile {
    ...RunParts
  }
}
    fragment RunParts on ReconciliationRun {
  id
  trigger
  status
  startedAt
  durationMs
  discrepancyCount
  criticalCount
  summary
  error
  brokerPositionCount
  storePositionCount
  deferredCount
  caughtUpCount
  loadedCount
}`) as unknown as TypedDocumentString<DashboardReconcileMutation, DashboardReconcileMutationVariables>;
export const DashboardAcknowledgeDocument = new TypedDocumentString(`
    mutation DashboardAcknowledge($id: ID!, $note: String) {
  acknowledgeDiscrepancy(id: $id, note: $note) {
    ...DiscrepancyParts
  }
}
    fragment DiscrepancyParts on Discrepancy {
  id
  type
  severity
  status
  account
  message
  brokerQuantity
  storeQuantity
  difference
  firstSeenAt
  lastSeenAt
  acknowledgedAt
  note
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}`) as unknown as TypedDocumentString<DashboardAcknowledgeMutation, DashboardAcknowledgeMutationVariables>;
export const DashboardResolveDocument = new TypedDocumentString(`
    mutation DashboardResolve($id: ID!, $note: String) {
  resolveDiscrepancy(id: $id, note: $note) {
    ...DiscrepancyParts
  }
}
    fragment DiscrepancyParts on Discrepancy {
  id
  type
  severity
  status
  account
  message
  brokerQuantity
  storeQuantity
  difference
  firstSeenAt
  lastSeenAt
  acknowledgedAt
  note
  contract {
    conId
    symbol
    secType
    expiry
    strike
    right
    localSymbol
    multiplier
    currency
  }
}`) as unknown as TypedDocumentString<DashboardResolveMutation, DashboardResolveMutationVariables>;