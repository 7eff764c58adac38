/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AlertDeliveryFilter = {
  discrepancyId?: string | null | undefined;
  route?: string | null | undefined;
  state?: Array<AlertDeliveryState> | null | undefined;
};

export type AlertDeliveryState =
  /** Given up after the maximum age (--alert-max-age-ms); logged at error level */
  | 'DEAD'
  /** Not yet taken by the receiver: being sent, or waiting for its next attempt */
  | 'PENDING'
  /** The receiver answered 2xx */
  | 'SENT';

export type AlertKind =
  | 'ACKNOWLEDGED'
  | 'OPENED'
  | 'RESOLVED'
  | 'SEVERITY_RAISED';

export type AlertSubject =
  /** A discrepancy through its life */
  | 'DISCREPANCY'
  /** The sentinel's own health (broker, store, verification) */
  | 'HEALTH'
  /** A test alert sent with the testAlert mutation */
  | 'TEST';

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

/** Without a status, the active discrepancies (OPEN and ACKNOWLEDGED) */
export type DiscrepancyFilter = {
  account?: string | null | undefined;
  severity?: Array<Severity> | null | undefined;
  status?: Array<DiscrepancyStatus> | null | undefined;
  symbol?: string | null | undefined;
  type?: Array<DiscrepancyType> | null | undefined;
};

export type DiscrepancyStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type DiscrepancyType =
  | 'MISSING_FROM_STORE'
  | 'NAKED_POSITION'
  | 'POSITION_MISMATCH'
  | 'STALE_DATA';

export type ExportContent =
  /** The open positions of the current book */
  | 'BOOK'
  /** Every stored update */
  | 'HISTORY';

export type OptionRight =
  | 'CALL'
  | 'PUT';

export type PositionChange =
  | 'CHANGED'
  | 'CLOSED'
  | 'OPENED'
  | 'REFRESHED';

export type PositionFilter = {
  account?: string | null | undefined;
  includeClosed?: boolean | null | undefined;
  secType?: string | null | undefined;
  symbol?: string | null | undefined;
};

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

export type AlertLifecycleAcknowledgeMutationVariables = Exact<{
  id: string | number;
}>;


export type AlertLifecycleAcknowledgeMutation = { acknowledgeDiscrepancy: { status: DiscrepancyStatus } };

export type AlertLifecycleReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type AlertLifecycleReconcileMutation = { reconcile: { status: ReconciliationStatus, discrepancies: Array<{ id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus }> } };

export type AlertLifecycleDeliveriesQueryVariables = Exact<{
  filter?: AlertDeliveryFilter | null | undefined;
}>;


export type AlertLifecycleDeliveriesQuery = { alertDeliveries: Array<{ route: string, state: AlertDeliveryState, kind: AlertKind, severity: Severity, subject: AlertSubject, discrepancyId: string | null, attempts: number, lastError: string | null }> };

export type AlertLifecycleTestMutationVariables = Exact<{
  route: string;
}>;


export type AlertLifecycleTestMutation = { testAlert: { id: string, route: string, state: AlertDeliveryState, subject: AlertSubject, severity: Severity } };

export type AlertKillReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type AlertKillReconcileMutation = { reconcile: { status: ReconciliationStatus } };

export type AlertKillStartedQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertKillStartedQuery = { status: { reconciliation: { lastRun: { trigger: ReconciliationTrigger } | null } } };

export type AlertKillOutboxQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertKillOutboxQuery = { alertDeliveries: Array<{ id: string, state: AlertDeliveryState, kind: AlertKind, discrepancyId: string | null }> };

export type ApiViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiViewerQuery = { viewer: { role: ViewerRole } };

export type ApiAuthReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiAuthReconcileMutation = { reconcile: { id: string, status: ReconciliationStatus } };

export type ApiAuthLatestQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiAuthLatestQuery = { latestReconciliation: { id: string } | null };

export type ApiAuthRunsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiAuthRunsSubscription = { reconciliationCompleted: { id: string, trigger: ReconciliationTrigger } };

export type ApiOriginLatestQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiOriginLatestQuery = { latestReconciliation: { id: string } | null };

export type ApiOriginViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiOriginViewerQuery = { viewer: { role: ViewerRole } };

export type ApiCohortFollowSubscriptionVariables = Exact<{
  account?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiCohortFollowSubscription = { positionUpdated: { cursor: string, change: PositionChange, position: { account: string, quantity: number, contract: { conId: number } } } };

export type ApiCohortPositionQueryVariables = Exact<{
  account: string;
  conId: number;
}>;


export type ApiCohortPositionQuery = { position: { quantity: number } | null };

export type ApiCohortFollowHeavySubscriptionVariables = Exact<{
  account?: string | null | undefined;
}>;


export type ApiCohortFollowHeavySubscription = { positionUpdated: { cursor: string, p0: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p1: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p2: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p3: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p4: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p5: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p6: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p7: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p8: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p9: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p10: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p11: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p12: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } }, p13: { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } } } };

export type CohortHeavyPositionFragment = { id: string, account: string, quantity: number, averageCost: number | null, marketPrice: number | null, marketValue: number | null, updatedAt: string, source: PositionSource, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string, exchange: string | null, tradingClass: string | null } };

export type AlertDemoTestMutationVariables = Exact<{ [key: string]: never; }>;


export type AlertDemoTestMutation = { testAlert: { state: AlertDeliveryState } };

export type ApiDemoBookQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiDemoBookQuery = { positions: Array<{ account: string, quantity: number, contract: { symbol: string, secType: string, expiry: string | null, strike: number | null, right: OptionRight | null } }> };

export type ApiDemoDiscrepanciesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiDemoDiscrepanciesSubscription = { discrepancyChanged: { kind: DiscrepancyEventKind, discrepancy: { type: DiscrepancyType, severity: Severity, message: string } } };

export type ApiDemoOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiDemoOverviewQuery = { status: { mode: RunMode, broker: { state: BrokerState, accounts: Array<string> } }, positions: Array<{ account: string, quantity: number }> };

export type ApiErrorsAsOfQueryVariables = Exact<{
  at: string;
}>;


export type ApiErrorsAsOfQuery = { positionsAsOf: Array<{ account: string }> };

export type ApiErrorsRunsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiErrorsRunsQuery = { reconciliationRuns: { edges: Array<{ cursor: string }> } };

export type ApiErrorsHistoryQueryVariables = Exact<{
  account: string;
  conId: number;
}>;


export type ApiErrorsHistoryQuery = { positionHistory: { edges: Array<{ cursor: string }> } };

export type ApiErrorsFollowSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ApiErrorsFollowSubscription = { positionUpdated: { cursor: string } };

export type ApiErrorsAcknowledgeMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type ApiErrorsAcknowledgeMutation = { acknowledgeDiscrepancy: { id: string, status: DiscrepancyStatus } };

export type ApiErrorsReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiErrorsReconcileMutation = { reconcile: { discrepancies: Array<{ id: string }> } };

export type ApiExportPositionsMutationVariables = Exact<{
  out: string;
  what?: ExportContent | null | undefined;
}>;


export type ApiExportPositionsMutation = { exportPositions: { folder: string, what: ExportContent, rows: number, symbols: number } };

export type ApiExportStoreQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiExportStoreQuery = { status: { store: { bufferedUpdates: number, totalUpdates: number }, reconciliation: { lastRun: { trigger: ReconciliationTrigger } | null } } };

export type AlertHealthDeliveriesQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertHealthDeliveriesQuery = { alertDeliveries: Array<{ state: AlertDeliveryState, kind: AlertKind, subject: AlertSubject, severity: Severity, summary: string, dedupKey: string }> };

export type ApiLimitsViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiLimitsViewerQuery = { viewer: { role: ViewerRole } };

export type ApiLimitsStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiLimitsStatusSubscription = { statusChanged: { mode: RunMode } };

export type ApiOpsBrokerBookQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiOpsBrokerBookQuery = { brokerPositions: Array<{ account: string, quantity: number }> };

export type ApiOpsReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiOpsReconcileMutation = { reconcile: { status: ReconciliationStatus, summary: string, discrepancyCount: number, discrepancies: Array<{ id: string }> } };

export type ApiOpsFollowSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiOpsFollowSubscription = { positionUpdated: { cursor: string } };

export type ApiBookQueryVariables = Exact<{
  filter?: PositionFilter | null | undefined;
}>;


export type ApiBookQuery = { positions: Array<{ id: string, account: string, quantity: number, averageCost: number | null, source: PositionSource, updatedAt: string, contract: { conId: number, symbol: string, secType: string, localSymbol: string | null, expiry: string | null, strike: number | null, right: OptionRight | null, multiplier: number | null, currency: string } }> };

export type ApiOnePositionQueryVariables = Exact<{
  account: string;
  conId: number;
}>;


export type ApiOnePositionQuery = { position: { account: string, quantity: number, contract: { conId: number, symbol: string } } | null };

export type ApiAsOfQueryVariables = Exact<{
  at: string;
  filter?: PositionFilter | null | undefined;
}>;


export type ApiAsOfQuery = { positionsAsOf: Array<{ account: string, quantity: number, contract: { conId: number } }> };

export type ApiHistoryQueryVariables = Exact<{
  account: string;
  conId: number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiHistoryQuery = { positionHistory: { edges: Array<{ cursor: string, node: { cursor: string, change: PositionChange, at: string, position: { quantity: number, source: PositionSource } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ApiBrokerBookQueryVariables = Exact<{
  filter?: PositionFilter | null | undefined;
}>;


export type ApiBrokerBookQuery = { brokerPositions: Array<{ account: string, quantity: number, marketPrice: number | null, marketValue: number | null, contract: { conId: number, symbol: string } }> };

export type ApiStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiStatusQuery = { status: { mode: RunMode, version: string, startedAt: string, broker: { state: BrokerState, host: string, port: number, clientId: number, accounts: Array<string>, serverVersion: number | null, connectedSince: string | null, lastMessageAt: string | null, lastError: string | null }, store: { path: string, bufferedUpdates: number, lastFlushAt: string | null, totalUpdates: number, lastError: string | null }, reconciliation: { running: boolean, intervalMs: number, nextRunAt: string | null, lastRun: { trigger: ReconciliationTrigger, status: ReconciliationStatus, summary: string } | null } }, viewer: { role: ViewerRole } };

export type ApiReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiReconcileMutation = { reconcile: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, startedAt: string, finishedAt: string, durationMs: number, brokerPositionCount: number, storePositionCount: number, discrepancyCount: number, criticalCount: number, hasCriticalIssues: boolean, summary: string, error: string | null, expiredCount: number, deferredCount: number, countsByType: Array<{ type: DiscrepancyType, count: number }>, discrepancies: Array<{ id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, contract: { conId: number } }> } };

export type ApiDiscrepanciesQueryVariables = Exact<{
  filter?: DiscrepancyFilter | null | undefined;
}>;


export type ApiDiscrepanciesQuery = { discrepancies: Array<{ id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string, brokerQuantity: number | null, storeQuantity: number | null, difference: number, storeUpdatedAt: string | null, firstSeenAt: string, lastSeenAt: string, acknowledgedAt: string | null, resolvedAt: string | null, note: string | null, contract: { conId: number, symbol: string } }> };

export type ApiOneDiscrepancyQueryVariables = Exact<{
  id: string | number;
}>;


export type ApiOneDiscrepancyQuery = { discrepancy: { id: string, type: DiscrepancyType, status: DiscrepancyStatus, note: string | null } | null };

export type ApiAcknowledgeMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type ApiAcknowledgeMutation = { acknowledgeDiscrepancy: { id: string, status: DiscrepancyStatus, note: string | null, acknowledgedAt: string | null, resolvedAt: string | null } };

export type ApiResolveMutationVariables = Exact<{
  id: string | number;
  note?: string | null | undefined;
}>;


export type ApiResolveMutation = { resolveDiscrepancy: { id: string, status: DiscrepancyStatus, note: string | null, resolvedAt: string | null } };

export type ApiRunsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiRunsQuery = { reconciliationRuns: { edges: Array<{ cursor: string, node: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, latestReconciliation: { id: string, trigger: ReconciliationTrigger } | null };

export type ApiOneRunQueryVariables = Exact<{
  id: string | number;
}>;


export type ApiOneRunQuery = { reconciliationRun: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, summary: string, discrepancies: Array<{ id: string, status: DiscrepancyStatus }> } | null };

export type ApiStorePositionQueryVariables = Exact<{
  account: string;
  conId: number;
}>;


export type ApiStorePositionQuery = { position: { quantity: number, source: PositionSource } | null };

export type ApiFollowPositionsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ApiFollowPositionsSubscription = { positionUpdated: { cursor: string, change: PositionChange, position: { account: string, quantity: number, contract: { conId: number } } } };

export type ApiFollowDiscrepanciesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ApiFollowDiscrepanciesSubscription = { discrepancyChanged: { cursor: string, kind: DiscrepancyEventKind, discrepancy: { id: string, type: DiscrepancyType, status: DiscrepancyStatus } } };

export type ApiResumePositionQueryVariables = Exact<{
  account: string;
  conId: number;
}>;


export type ApiResumePositionQuery = { position: { quantity: number } | null };

export type ApiResumeReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiResumeReconcileMutation = { reconcile: { discrepancies: Array<{ id: string, type: DiscrepancyType }> } };

export type ApiResumeAcknowledgeMutationVariables = Exact<{
  id: string | number;
}>;


export type ApiResumeAcknowledgeMutation = { acknowledgeDiscrepancy: { id: string } };

export type ApiResumeResolveMutationVariables = Exact<{
  id: string | number;
}>;


export type ApiResumeResolveMutation = { resolveDiscrepancy: { id: string } };

export type ApiResumeActiveWithCursorQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiResumeActiveWithCursorQuery = { discrepanciesWithCursor: { cursor: string, discrepancies: Array<{ id: string, type: DiscrepancyType, status: DiscrepancyStatus }> } };

export type ApiServeFollowSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiServeFollowSubscription = { positionUpdated: { cursor: string, position: { quantity: number } } };

export type ApiServeStoreStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiServeStoreStatusQuery = { status: { broker: { state: BrokerState }, store: { bufferedUpdates: number, totalUpdates: number }, reconciliation: { lastRun: { trigger: ReconciliationTrigger } | null } } };

export type ApiShutdownFollowSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiShutdownFollowSubscription = { positionUpdated: { cursor: string, position: { quantity: number } } };

export type ApiShutdownRunsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiShutdownRunsSubscription = { reconciliationCompleted: { id: string } };

export type ApiSseFollowSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiSseFollowSubscription = { positionUpdated: { cursor: string, position: { quantity: number } } };

export type ApiSseReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiSseReconcileMutation = { reconcile: { discrepancyCount: number } };

export type ApiPositionUpdatedSubscriptionVariables = Exact<{
  filter?: PositionFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiPositionUpdatedSubscription = { positionUpdated: { cursor: string, change: PositionChange, at: string, position: { account: string, quantity: number, source: PositionSource, contract: { conId: number, symbol: string } } } };

export type ApiDiscrepancyChangedSubscriptionVariables = Exact<{
  filter?: DiscrepancyFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ApiDiscrepancyChangedSubscription = { discrepancyChanged: { cursor: string, kind: DiscrepancyEventKind, at: string, discrepancy: { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, note: string | null, contract: { conId: number } } } };

export type ApiReconciliationCompletedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiReconciliationCompletedSubscription = { reconciliationCompleted: { id: string, trigger: ReconciliationTrigger, status: ReconciliationStatus, summary: string, discrepancyCount: number } };

export type ApiStatusChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiStatusChangedSubscription = { statusChanged: { mode: RunMode, broker: { state: BrokerState, accounts: Array<string> }, store: { path: string }, reconciliation: { running: boolean } } };

export type ApiReconcileNowMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiReconcileNowMutation = { reconcile: { id: string, discrepancies: Array<{ id: string, type: DiscrepancyType }> } };

export type ApiAcknowledgeNowMutationVariables = Exact<{
  id: string | number;
}>;


export type ApiAcknowledgeNowMutation = { acknowledgeDiscrepancy: { id: string } };

export type ApiResolveNowMutationVariables = Exact<{
  id: string | number;
}>;


export type ApiResolveNowMutation = { resolveDiscrepancy: { id: string } };

export type ApiVerificationQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiVerificationQuery = { status: { broker: { state: BrokerState }, verification: { state: VerificationState, reason: string | null, verifiedAt: string | null, run: { id: string, trigger: ReconciliationTrigger } | null } } };

export type ApiVerificationBookQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiVerificationBookQuery = { positions: Array<{ account: string, quantity: number, verifiedAt: string | null, contract: { conId: number }, openDiscrepancy: { type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus } | null }> };

export type ApiVerificationReconcileMutationVariables = Exact<{ [key: string]: never; }>;


export type ApiVerificationReconcileMutation = { reconcile: { id: string, finishedAt: string, caughtUpCount: number, loadedCount: number } };

export type ApiVerificationRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiVerificationRunsQuery = { reconciliationRuns: { edges: Array<{ node: { trigger: ReconciliationTrigger, status: ReconciliationStatus, caughtUpCount: number, loadedCount: number, discrepancies: Array<{ type: DiscrepancyType, status: DiscrepancyStatus, note: string | null, caughtUpAt: string | null, storeUpdatedAt: string | null }> } }> } };

export type ApiVerificationChangesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiVerificationChangesSubscription = { discrepancyChanged: { kind: DiscrepancyEventKind, discrepancy: { account: string, type: DiscrepancyType, status: DiscrepancyStatus, storeQuantity: number | null, brokerQuantity: number | null, note: string | null, caughtUpAt: string | null, contract: { conId: number } } } };

export type CliSignalsStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type CliSignalsStatusQuery = { status: { store: { path: string, bufferedUpdates: number, totalUpdates: number }, reconciliation: { lastRun: { trigger: ReconciliationTrigger } | null } } };

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
export const CohortHeavyPositionFragmentDoc = new TypedDocumentString(`
    fragment CohortHeavyPosition on Position {
  id
  account
  quantity
  averageCost
  marketPrice
  marketValue
  updatedAt
  source
  contract {
    conId
    symbol
    secType
    localSymbol
    expiry
    strike
    right
    multiplier
    currency
    exchange
    tradingClass
  }
}
    `, {"fragmentName":"CohortHeavyPosition"}) as unknown as TypedDocumentString<CohortHeavyPositionFragment, unknown>;
export const AlertLifecycleAcknowledgeDocument = new TypedDocumentString(`
    mutation AlertLifecycleAcknowledge($id: ID!) {
  acknowledgeDiscrepancy(id: $id, note: "looking") {
    status
  }
}
    `) as unknown as TypedDocumentString<AlertLifecycleAcknowledgeMutation, AlertLifecycleAcknowledgeMutationVariables>;
export const AlertLifecycleReconcileDocument = new TypedDocumentString(`
    mutation AlertLifecycleReconcile {
  reconcile {
    status
    discrepancies {
      id
      type
      severity
      status
    }
  }
}
    `) as unknown as TypedDocumentString<AlertLifecycleReconcileMutation, AlertLifecycleReconcileMutationVariables>;
export const AlertLifecycleDeliveriesDocument = new TypedDocumentString(`
    query AlertLifecycleDeliveries($filter: AlertDeliveryFilter) {
  alertDeliveries(filter: $filter) {
    route
    state
    kind
    severity
    subject
    discrepancyId
    attempts
    lastError
  }
}
    `) as unknown as TypedDocumentString<AlertLifecycleDeliveriesQuery, AlertLifecycleDeliveriesQueryVariables>;
export const AlertLifecycleTestDocument = new TypedDocumentString(`
    mutation AlertLifecycleTest($route: String!) {
  testAlert(route: $route) {
    id
    route
    state
    subject
    severity
  }
}
    `) as unknown as TypedDocumentString<AlertLifecycleTestMutation, AlertLifecycleTestMutationVariables>;
export const AlertKillReconcileDocument = new TypedDocumentString(`
    mutation AlertKillReconcile {
  reconcile {
    status
  }
}
    `) as unknown as TypedDocumentString<AlertKillReconcileMutation, AlertKillReconcileMutationVariables>;
export const AlertKillStartedDocument = new TypedDocumentString(`
    query AlertKillStarted {
  status {
    reconciliation {
      lastRun {
        trigger
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AlertKillStartedQuery, AlertKillStartedQueryVariables>;
export const AlertKillOutboxDocument = new TypedDocumentString(`
    query AlertKillOutbox {
  alertDeliveries(first: 200) {
    id
    state
    kind
    discrepancyId
  }
}
    `) as unknown as TypedDocumentString<AlertKillOutboxQuery, AlertKillOutboxQueryVariables>;
export const ApiViewerDocument = new TypedDocumentString(`
    query ApiViewer {
  viewer {
    role
  }
}
    `) as unknown as TypedDocumentString<ApiViewerQuery, ApiViewerQueryVariables>;
export const ApiAuthReconcileDocument = new TypedDocumentString(`
    mutation ApiAuthReconcile {
  reconcile {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ApiAuthReconcileMutation, ApiAuthReconcileMutationVariables>;
export const ApiAuthLatestDocument = new TypedDocumentString(`
    query ApiAuthLatest {
  latestReconciliation {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiAuthLatestQuery, ApiAuthLatestQueryVariables>;
export const ApiAuthRunsDocument = new TypedDocumentString(`
    subscription ApiAuthRuns {
  reconciliationCompleted {
    id
    trigger
  }
}
    `) as unknown as TypedDocumentString<ApiAuthRunsSubscription, ApiAuthRunsSubscriptionVariables>;
export const ApiOriginLatestDocument = new TypedDocumentString(`
    query ApiOriginLatest {
  latestReconciliation {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiOriginLatestQuery, ApiOriginLatestQueryVariables>;
export const ApiOriginViewerDocument = new TypedDocumentString(`
    query ApiOriginViewer {
  viewer {
    role
  }
}
    `) as unknown as TypedDocumentString<ApiOriginViewerQuery, ApiOriginViewerQueryVariables>;
export const ApiCohortFollowDocument = new TypedDocumentString(`
    subscription ApiCohortFollow($account: String, $after: String) {
  positionUpdated(filter: {account: $account}, after: $after) {
    cursor
    change
    position {
      account
      quantity
      contract {
        conId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiCohortFollowSubscription, ApiCohortFollowSubscriptionVariables>;
export const ApiCohortPositionDocument = new TypedDocumentString(`
    query ApiCohortPosition($account: String!, $conId: Int!) {
  position(account: $account, conId: $conId) {
    quantity
  }
}
    `) as unknown as TypedDocumentString<ApiCohortPositionQuery, ApiCohortPositionQueryVariables>;
export const ApiCohortFollowHeavyDocument = new TypedDocumentString(`
    subscription ApiCohortFollowHeavy($account: String) {
  positionUpdated(filter: {account: $account}) {
    cursor
    p0: position {
      ...CohortHeavyPosition
    }
    p1: position {
      ...CohortHeavyPosition
    }
    p2: position {
      ...CohortHeavyPosition
    }
    p3: position {
      ...CohortHeavyPosition
    }
    p4: position {
      ...CohortHeavyPosition
    }
    p5: position {
      ...CohortHeavyPosition
    }
    p6: position {
      ...CohortHeavyPosition
    }
    p7: position {
      ...CohortHeavyPosition
    }
    p8: position {
      ...CohortHeavyPosition
    }
    p9: position {
      ...CohortHeavyPosition
    }
    p10: position {
      ...CohortHeavyPosition
    }
    p11: position {
      ...CohortHeavyPosition
    }
    p12: position {
      ...CohortHeavyPosition
    }
    p13: position {
      ...CohortHeavyPosition
    }
  }
}
    fragment CohortHeavyPosition on Position {
  id
  account
  quantity
  averageCost
  marketPrice
  marketValue
  updatedAt
  source
  contract {
    conId
    symbol
    secType
    localSymbol
    expiry
    strike
    right
    multiplier
    currency
    exchange
    tradingClass
  }
}`) as unknown as TypedDocumentString<ApiCohortFollowHeavySubscription, ApiCohortFollowHeavySubscriptionVariables>;
export const AlertDemoTestDocument = new TypedDocumentString(`
    mutation AlertDemoTest {
  testAlert(route: "webhook") {
    state
  }
}
    `) as unknown as TypedDocumentString<AlertDemoTestMutation, AlertDemoTestMutationVariables>;
export const ApiDemoBookDocument = new TypedDocumentString(`
    query ApiDemoBook {
  positions {
    account
    quantity
    contract {
      symbol
      secType
      expiry
      strike
      right
    }
  }
}
    `) as unknown as TypedDocumentString<ApiDemoBookQuery, ApiDemoBookQueryVariables>;
export const ApiDemoDiscrepanciesDocument = new TypedDocumentString(`
    subscription ApiDemoDiscrepancies {
  discrepancyChanged {
    kind
    discrepancy {
      type
      severity
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ApiDemoDiscrepanciesSubscription, ApiDemoDiscrepanciesSubscriptionVariables>;
export const ApiDemoOverviewDocument = new TypedDocumentString(`
    query ApiDemoOverview {
  status {
    mode
    broker {
      state
      accounts
    }
  }
  positions {
    account
    quantity
  }
}
    `) as unknown as TypedDocumentString<ApiDemoOverviewQuery, ApiDemoOverviewQueryVariables>;
export const ApiErrorsAsOfDocument = new TypedDocumentString(`
    query ApiErrorsAsOf($at: DateTime!) {
  positionsAsOf(at: $at) {
    account
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsAsOfQuery, ApiErrorsAsOfQueryVariables>;
export const ApiErrorsRunsDocument = new TypedDocumentString(`
    query ApiErrorsRuns($first: Int, $after: String) {
  reconciliationRuns(first: $first, after: $after) {
    edges {
      cursor
    }
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsRunsQuery, ApiErrorsRunsQueryVariables>;
export const ApiErrorsHistoryDocument = new TypedDocumentString(`
    query ApiErrorsHistory($account: String!, $conId: Int!) {
  positionHistory(account: $account, conId: $conId, first: 1) {
    edges {
      cursor
    }
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsHistoryQuery, ApiErrorsHistoryQueryVariables>;
export const ApiErrorsFollowDocument = new TypedDocumentString(`
    subscription ApiErrorsFollow($after: String) {
  positionUpdated(after: $after) {
    cursor
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsFollowSubscription, ApiErrorsFollowSubscriptionVariables>;
export const ApiErrorsAcknowledgeDocument = new TypedDocumentString(`
    mutation ApiErrorsAcknowledge($id: ID!, $note: String) {
  acknowledgeDiscrepancy(id: $id, note: $note) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsAcknowledgeMutation, ApiErrorsAcknowledgeMutationVariables>;
export const ApiErrorsReconcileDocument = new TypedDocumentString(`
    mutation ApiErrorsReconcile {
  reconcile {
    discrepancies {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ApiErrorsReconcileMutation, ApiErrorsReconcileMutationVariables>;
export const ApiExportPositionsDocument = new TypedDocumentString(`
    mutation ApiExportPositions($out: String!, $what: ExportContent) {
  exportPositions(out: $out, what: $what) {
    folder
    what
    rows
    symbols
  }
}
    `) as unknown as TypedDocumentString<ApiExportPositionsMutation, ApiExportPositionsMutationVariables>;
export const ApiExportStoreDocument = new TypedDocumentString(`
    query ApiExportStore {
  status {
    store {
      bufferedUpdates
      totalUpdates
    }
    reconciliation {
      lastRun {
        trigger
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiExportStoreQuery, ApiExportStoreQueryVariables>;
export const AlertHealthDeliveriesDocument = new TypedDocumentString(`
    query AlertHealthDeliveries {
  alertDeliveries {
    state
    kind
    subject
    severity
    summary
    dedupKey
  }
}
    `) as unknown as TypedDocumentString<AlertHealthDeliveriesQuery, AlertHealthDeliveriesQueryVariables>;
export const ApiLimitsViewerDocument = new TypedDocumentString(`
    query ApiLimitsViewer {
  viewer {
    role
  }
}
    `) as unknown as TypedDocumentString<ApiLimitsViewerQuery, ApiLimitsViewerQueryVariables>;
export const ApiLimitsStatusDocument = new TypedDocumentString(`
    subscription ApiLimitsStatus {
  statusChanged {
    mode
  }
}
    `) as unknown as TypedDocumentString<ApiLimitsStatusSubscription, ApiLimitsStatusSubscriptionVariables>;
export const ApiOpsBrokerBookDocument = new TypedDocumentString(`
    query ApiOpsBrokerBook {
  brokerPositions {
    account
    quantity
  }
}
    `) as unknown as TypedDocumentString<ApiOpsBrokerBookQuery, ApiOpsBrokerBookQueryVariables>;
export const ApiOpsReconcileDocument = new TypedDocumentString(`
    mutation ApiOpsReconcile {
  reconcile {
    status
    summary
    discrepancyCount
    discrepancies {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ApiOpsReconcileMutation, ApiOpsReconcileMutationVariables>;
export const ApiOpsFollowDocument = new TypedDocumentString(`
    subscription ApiOpsFollow {
  positionUpdated {
    cursor
  }
}
    `) as unknown as TypedDocumentString<ApiOpsFollowSubscription, ApiOpsFollowSubscriptionVariables>;
export const ApiBookDocument = new TypedDocumentString(`
    query ApiBook($filter: PositionFilter) {
  positions(filter: $filter) {
    id
    account
    quantity
    averageCost
    source
    updatedAt
    contract {
      conId
      symbol
      secType
      localSymbol
      expiry
      strike
      right
      multiplier
      currency
    }
  }
}
    `) as unknown as TypedDocumentString<ApiBookQuery, ApiBookQueryVariables>;
export const ApiOnePositionDocument = new TypedDocumentString(`
    query ApiOnePosition($account: String!, $conId: Int!) {
  position(account: $account, conId: $conId) {
    account
    quantity
    contract {
      conId
      symbol
    }
  }
}
    `) as unknown as TypedDocumentString<ApiOnePositionQuery, ApiOnePositionQueryVariables>;
export const ApiAsOfDocument = new TypedDocumentString(`
    query ApiAsOf($at: DateTime!, $filter: PositionFilter) {
  positionsAsOf(at: $at, filter: $filter) {
    account
    quantity
    contract {
      conId
    }
  }
}
    `) as unknown as TypedDocumentString<ApiAsOfQuery, ApiAsOfQueryVariables>;
export const ApiHistoryDocument = new TypedDocumentString(`
    query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {
  positionHistory(account: $account, conId: $conId, first: $first, after: $after) {
    edges {
      cursor
      node {
        cursor
        change
        at
        position {
          quantity
          source
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ApiHistoryQuery, ApiHistoryQueryVariables>;
export const ApiBrokerBookDocument = new TypedDocumentString(`
    query ApiBrokerBook($filter: PositionFilter) {
  brokerPositions(filter: $filter) {
    account
    quantity
    marketPrice
    marketValue
    contract {
      conId
      symbol
    }
  }
}
    `) as unknown as TypedDocumentString<ApiBrokerBookQuery, ApiBrokerBookQueryVariables>;
export const ApiStatusDocument = new TypedDocumentString(`
    query ApiStatus {
  status {
    mode
    version
    startedAt
    broker {
      state
      host
      port
      clientId
      accounts
      serverVersion
      connectedSince
      lastMessageAt
      lastError
    }
    store {
      path
      bufferedUpdates
      lastFlushAt
      totalUpdates
      lastError
    }
    reconciliation {
      running
      intervalMs
      nextRunAt
      lastRun {
        trigger
        status
        summary
      }
    }
  }
  viewer {
    role
  }
}
    `) as unknown as TypedDocumentString<ApiStatusQuery, ApiStatusQueryVariables>;
export const ApiReconcileDocument = new TypedDocumentString(`
    mutation ApiReconcile {
  reconcile {
    id
    trigger
    status
    startedAt
    finishedAt
    durationMs
    brokerPositionCount
    storePositionCount
    discrepancyCount
    criticalCount
    hasCriticalIssues
    summary
    error
    expiredCount
    deferredCount
    countsByType {
      type
      count
    }
    discrepancies {
      id
      type
      severity
      status
      account
      contract {
        conId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiReconcileMutation, ApiReconcileMutationVariables>;
export const ApiDiscrepanciesDocument = new TypedDocumentString(`
    query ApiDiscrepancies($filter: DiscrepancyFilter) {
  discrepancies(filter: $filter) {
    id
    type
    severity
    status
    account
    message
    brokerQuantity
    storeQuantity
    difference
    storeUpdatedAt
    firstSeenAt
    lastSeenAt
    acknowledgedAt
    resolvedAt
    note
    contract {
      conId
      symbol
    }
  }
}
    `) as unknown as TypedDocumentString<ApiDiscrepanciesQuery, ApiDiscrepanciesQueryVariables>;
export const ApiOneDiscrepancyDocument = new TypedDocumentString(`
    query ApiOneDiscrepancy($id: ID!) {
  discrepancy(id: $id) {
    id
    type
    status
    note
  }
}
    `) as unknown as TypedDocumentString<ApiOneDiscrepancyQuery, ApiOneDiscrepancyQueryVariables>;
export const ApiAcknowledgeDocument = new TypedDocumentString(`
    mutation ApiAcknowledge($id: ID!, $note: String) {
  acknowledgeDiscrepancy(id: $id, note: $note) {
    id
    status
    note
    acknowledgedAt
    resolvedAt
  }
}
    `) as unknown as TypedDocumentString<ApiAcknowledgeMutation, ApiAcknowledgeMutationVariables>;
export const ApiResolveDocument = new TypedDocumentString(`
    mutation ApiResolve($id: ID!, $note: String) {
  resolveDiscrepancy(id: $id, note: $note) {
    id
    status
    note
    resolvedAt
  }
}
    `) as unknown as TypedDocumentString<ApiResolveMutation, ApiResolveMutationVariables>;
export const ApiRunsDocument = new TypedDocumentString(`
    query ApiRuns($first: Int, $after: String) {
  reconciliationRuns(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        trigger
        status
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  latestReconciliation {
    id
    trigger
  }
}
    `) as unknown as TypedDocumentString<ApiRunsQuery, ApiRunsQueryVariables>;
export const ApiOneRunDocument = new TypedDocumentString(`
    query ApiOneRun($id: ID!) {
  reconciliationRun(id: $id) {
    id
    trigger
    status
    summary
    discrepancies {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ApiOneRunQuery, ApiOneRunQueryVariables>;
export const ApiStorePositionDocument = new TypedDocumentString(`
    query ApiStorePosition($account: String!, $conId: Int!) {
  position(account: $account, conId: $conId) {
    quantity
    source
  }
}
    `) as unknown as TypedDocumentString<ApiStorePositionQuery, ApiStorePositionQueryVariables>;
export const ApiFollowPositionsDocument = new TypedDocumentString(`
    subscription ApiFollowPositions($after: String) {
  positionUpdated(after: $after) {
    cursor
    change
    position {
      account
      quantity
      contract {
        conId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiFollowPositionsSubscription, ApiFollowPositionsSubscriptionVariables>;
export const ApiFollowDiscrepanciesDocument = new TypedDocumentString(`
    subscription ApiFollowDiscrepancies($after: String) {
  discrepancyChanged(after: $after) {
    cursor
    kind
    discrepancy {
      id
      type
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ApiFollowDiscrepanciesSubscription, ApiFollowDiscrepanciesSubscriptionVariables>;
export const ApiResumePositionDocument = new TypedDocumentString(`
    query ApiResumePosition($account: String!, $conId: Int!) {
  position(account: $account, conId: $conId) {
    quantity
  }
}
    `) as unknown as TypedDocumentString<ApiResumePositionQuery, ApiResumePositionQueryVariables>;
export const ApiResumeReconcileDocument = new TypedDocumentString(`
    mutation ApiResumeReconcile {
  reconcile {
    discrepancies {
      id
      type
    }
  }
}
    `) as unknown as TypedDocumentString<ApiResumeReconcileMutation, ApiResumeReconcileMutationVariables>;
export const ApiResumeAcknowledgeDocument = new TypedDocumentString(`
    mutation ApiResumeAcknowledge($id: ID!) {
  acknowledgeDiscrepancy(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiResumeAcknowledgeMutation, ApiResumeAcknowledgeMutationVariables>;
export const ApiResumeResolveDocument = new TypedDocumentString(`
    mutation ApiResumeResolve($id: ID!) {
  resolveDiscrepancy(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiResumeResolveMutation, ApiResumeResolveMutationVariables>;
export const ApiResumeActiveWithCursorDocument = new TypedDocumentString(`
    query ApiResumeActiveWithCursor {
  discrepanciesWithCursor {
    cursor
    discrepancies {
      id
      type
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ApiResumeActiveWithCursorQuery, ApiResumeActiveWithCursorQueryVariables>;
export const ApiServeFollowDocument = new TypedDocumentString(`
    subscription ApiServeFollow {
  positionUpdated {
    cursor
    position {
      quantity
    }
  }
}
    `) as unknown as TypedDocumentString<ApiServeFollowSubscription, ApiServeFollowSubscriptionVariables>;
export const ApiServeStoreStatusDocument = new TypedDocumentString(`
    query ApiServeStoreStatus {
  status {
    broker {
      state
    }
    store {
      bufferedUpdates
      totalUpdates
    }
    reconciliation {
      lastRun {
        trigger
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiServeStoreStatusQuery, ApiServeStoreStatusQueryVariables>;
export const ApiShutdownFollowDocument = new TypedDocumentString(`
    subscription ApiShutdownFollow {
  positionUpdated {
    cursor
    position {
      quantity
    }
  }
}
    `) as unknown as TypedDocumentString<ApiShutdownFollowSubscription, ApiShutdownFollowSubscriptionVariables>;
export const ApiShutdownRunsDocument = new TypedDocumentString(`
    subscription ApiShutdownRuns {
  reconciliationCompleted {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiShutdownRunsSubscription, ApiShutdownRunsSubscriptionVariables>;
export const ApiSseFollowDocument = new TypedDocumentString(`
    subscription ApiSseFollow {
  positionUpdated {
    cursor
    position {
      quantity
    }
  }
}
    `) as unknown as TypedDocumentString<ApiSseFollowSubscription, ApiSseFollowSubscriptionVariables>;
export const ApiSseReconcileDocument = new TypedDocumentString(`
    mutation ApiSseReconcile {
  reconcile {
    discrepancyCount
  }
}
    `) as unknown as TypedDocumentString<ApiSseReconcileMutation, ApiSseReconcileMutationVariables>;
export const ApiPositionUpdatedDocument = new TypedDocumentString(`
    subscription ApiPositionUpdated($filter: PositionFilter, $after: String) {
  positionUpdated(filter: $filter, after: $after) {
    cursor
    change
    at
    position {
      account
      quantity
      source
      contract {
        conId
        symbol
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiPositionUpdatedSubscription, ApiPositionUpdatedSubscriptionVariables>;
export const ApiDiscrepancyChangedDocument = new TypedDocumentString(`
    subscription ApiDiscrepancyChanged($filter: DiscrepancyFilter, $after: String) {
  discrepancyChanged(filter: $filter, after: $after) {
    cursor
    kind
    at
    discrepancy {
      id
      type
      severity
      status
      note
      contract {
        conId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiDiscrepancyChangedSubscription, ApiDiscrepancyChangedSubscriptionVariables>;
export const ApiReconciliationCompletedDocument = new TypedDocumentString(`
    subscription ApiReconciliationCompleted {
  reconciliationCompleted {
    id
    trigger
    status
    summary
    discrepancyCount
  }
}
    `) as unknown as TypedDocumentString<ApiReconciliationCompletedSubscription, ApiReconciliationCompletedSubscriptionVariables>;
export const ApiStatusChangedDocument = new TypedDocumentString(`
    subscription ApiStatusChanged {
  statusChanged {
    mode
    broker {
      state
      accounts
    }
    store {
      path
    }
    reconciliation {
      running
    }
  }
}
    `) as unknown as TypedDocumentString<ApiStatusChangedSubscription, ApiStatusChangedSubscriptionVariables>;
export const ApiReconcileNowDocument = new TypedDocumentString(`
    mutation ApiReconcileNow {
  reconcile {
    id
    discrepancies {
      id
      type
    }
  }
}
    `) as unknown as TypedDocumentString<ApiReconcileNowMutation, ApiReconcileNowMutationVariables>;
export const ApiAcknowledgeNowDocument = new TypedDocumentString(`
    mutation ApiAcknowledgeNow($id: ID!) {
  acknowledgeDiscrepancy(id: $id, note: "seen") {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiAcknowledgeNowMutation, ApiAcknowledgeNowMutationVariables>;
export const ApiResolveNowDocument = new TypedDocumentString(`
    mutation ApiResolveNow($id: ID!) {
  resolveDiscrepancy(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApiResolveNowMutation, ApiResolveNowMutationVariables>;
export const ApiVerificationDocument = new TypedDocumentString(`
    query ApiVerification {
  status {
    broker {
      state
    }
    verification {
      state
      reason
      verifiedAt
      run {
        id
        trigger
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiVerificationQuery, ApiVerificationQueryVariables>;
export const ApiVerificationBookDocument = new TypedDocumentString(`
    query ApiVerificationBook {
  positions {
    account
    quantity
    contract {
      conId
    }
    verifiedAt
    openDiscrepancy {
      type
      severity
      status
    }
  }
}
    `) as unknown as TypedDocumentString<ApiVerificationBookQuery, ApiVerificationBookQueryVariables>;
export const ApiVerificationReconcileDocument = new TypedDocumentString(`
    mutation ApiVerificationReconcile {
  reconcile {
    id
    finishedAt
    caughtUpCount
    loadedCount
  }
}
    `) as unknown as TypedDocumentString<ApiVerificationReconcileMutation, ApiVerificationReconcileMutationVariables>;
export const ApiVerificationRunsDocument = new TypedDocumentString(`
    query ApiVerificationRuns {
  reconciliationRuns(first: 5) {
    edges {
      node {
        trigger
        status
        caughtUpCount
        loadedCount
        discrepancies {
          type
          status
          note
          caughtUpAt
          storeUpdatedAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiVerificationRunsQuery, ApiVerificationRunsQueryVariables>;
export const ApiVerificationChangesDocument = new TypedDocumentString(`
    subscription ApiVerificationChanges {
  discrepancyChanged {
    kind
    discrepancy {
      account
      type
      status
      storeQuantity
      brokerQuantity
      note
      caughtUpAt
      contract {
        conId
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiVerificationChangesSubscription, ApiVerificationChangesSubscriptionVariables>;
export const CliSignalsStatusDocument = new TypedDocumentString(`
    query CliSignalsStatus {
  status {
    store {
      path
      bufferedUpdates
      totalUpdates
    }
    reconciliation {
      lastRun {
        trigger
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CliSignalsStatusQuery, CliSignalsStatusQueryVariables>;