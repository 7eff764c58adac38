/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation AlertLifecycleAcknowledge($id: ID!) { acknowledgeDiscrepancy(id: $id, note: \"looking\") { status } }\n": typeof types.AlertLifecycleAcknowledgeDocument,
    "\n  mutation AlertLifecycleReconcile { reconcile { status discrepancies { id type severity status } } }\n": typeof types.AlertLifecycleReconcileDocument,
    "\n  query AlertLifecycleDeliveries($filter: AlertDeliveryFilter) {\n    alertDeliveries(filter: $filter) { route state kind severity subject discrepancyId attempts lastError }\n  }\n": typeof types.AlertLifecycleDeliveriesDocument,
    "\n  mutation AlertLifecycleTest($route: String!) { testAlert(route: $route) { id route state subject severity } }\n": typeof types.AlertLifecycleTestDocument,
    "\n  mutation AlertKillReconcile { reconcile { status } }\n": typeof types.AlertKillReconcileDocument,
    "\n  query AlertKillStarted { status { reconciliation { lastRun { trigger } } } }\n": typeof types.AlertKillStartedDocument,
    "\n  query AlertKillOutbox { alertDeliveries(first: 200) { id state kind discrepancyId } }\n": typeof types.AlertKillOutboxDocument,
    "\n  query ApiViewer {\n    viewer { role }\n  }\n": typeof types.ApiViewerDocument,
    "\n  mutation ApiAuthReconcile {\n    reconcile { id status }\n  }\n": typeof types.ApiAuthReconcileDocument,
    "\n  query ApiAuthLatest {\n    latestReconciliation { id }\n  }\n": typeof types.ApiAuthLatestDocument,
    "\n  subscription ApiAuthRuns {\n    reconciliationCompleted { id trigger }\n  }\n": typeof types.ApiAuthRunsDocument,
    "\n  query ApiOriginLatest {\n    latestReconciliation { id }\n  }\n": typeof types.ApiOriginLatestDocument,
    "\n  query ApiOriginViewer {\n    viewer { role }\n  }\n": typeof types.ApiOriginViewerDocument,
    "\n  subscription ApiCohortFollow($account: String, $after: String) {\n    positionUpdated(filter: { account: $account }, after: $after) {\n      cursor\n      change\n      position { account quantity contract { conId } }\n    }\n  }\n": typeof types.ApiCohortFollowDocument,
    "\n  query ApiCohortPosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n": typeof types.ApiCohortPositionDocument,
    "\n  subscription ApiCohortFollowHeavy($account: String) {\n    positionUpdated(filter: { account: $account }) {\n      cursor\n      p0: position { ...CohortHeavyPosition }\n      p1: position { ...CohortHeavyPosition }\n      p2: position { ...CohortHeavyPosition }\n      p3: position { ...CohortHeavyPosition }\n      p4: position { ...CohortHeavyPosition }\n      p5: position { ...CohortHeavyPosition }\n      p6: position { ...CohortHeavyPosition }\n      p7: position { ...CohortHeavyPosition }\n      p8: position { ...CohortHeavyPosition }\n      p9: position { ...CohortHeavyPosition }\n      p10: position { ...CohortHeavyPosition }\n      p11: position { ...CohortHeavyPosition }\n      p12: position { ...CohortHeavyPosition }\n      p13: position { ...CohortHeavyPosition }\n    }\n  }\n  fragment CohortHeavyPosition on Position {\n    id account quantity averageCost marketPrice marketValue updatedAt source\n    contract { conId symbol secType localSymbol expiry strike right multiplier currency exchange tradingClass }\n  }\n": typeof types.ApiCohortFollowHeavyDocument,
    "\n  mutation AlertDemoTest { testAlert(route: \"webhook\") { state } }\n": typeof types.AlertDemoTestDocument,
    "\n  query ApiDemoBook {\n    positions { account quantity contract { symbol secType expiry strike right } }\n  }\n": typeof types.ApiDemoBookDocument,
    "\n  subscription ApiDemoDiscrepancies {\n    discrepancyChanged { kind discrepancy { type severity message } }\n  }\n": typeof types.ApiDemoDiscrepanciesDocument,
    "\n  query ApiDemoOverview {\n    status { mode broker { state accounts } }\n    positions { account quantity }\n  }\n": typeof types.ApiDemoOverviewDocument,
    "\n  query ApiErrorsAsOf($at: DateTime!) {\n    positionsAsOf(at: $at) { account }\n  }\n": typeof types.ApiErrorsAsOfDocument,
    "\n  query ApiErrorsRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) { edges { cursor } }\n  }\n": typeof types.ApiErrorsRunsDocument,
    "\n  query ApiErrorsHistory($account: String!, $conId: Int!) {\n    positionHistory(account: $account, conId: $conId, first: 1) { edges { cursor } }\n  }\n": typeof types.ApiErrorsHistoryDocument,
    "\n  subscription ApiErrorsFollow($after: String) {\n    positionUpdated(after: $after) { cursor }\n  }\n": typeof types.ApiErrorsFollowDocument,
    "\n  mutation ApiErrorsAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status }\n  }\n": typeof types.ApiErrorsAcknowledgeDocument,
    "\n  mutation ApiErrorsReconcile {\n    reconcile { discrepancies { id } }\n  }\n": typeof types.ApiErrorsReconcileDocument,
    "\n  mutation ApiExportPositions($out: String!, $what: ExportContent) {\n    exportPositions(out: $out, what: $what) { folder what rows symbols }\n  }\n": typeof types.ApiExportPositionsDocument,
    "\n  query ApiExportStore {\n    status { store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": typeof types.ApiExportStoreDocument,
    "\n  query AlertHealthDeliveries { alertDeliveries { state kind subject severity summary dedupKey } }\n": typeof types.AlertHealthDeliveriesDocument,
    "\n  query ApiLimitsViewer {\n    viewer { role }\n  }\n": typeof types.ApiLimitsViewerDocument,
    "\n  subscription ApiLimitsStatus {\n    statusChanged { mode }\n  }\n": typeof types.ApiLimitsStatusDocument,
    "\n  query ApiOpsBrokerBook {\n    brokerPositions { account quantity }\n  }\n": typeof types.ApiOpsBrokerBookDocument,
    "\n  mutation ApiOpsReconcile {\n    reconcile { status summary discrepancyCount discrepancies { id } }\n  }\n": typeof types.ApiOpsReconcileDocument,
    "\n  subscription ApiOpsFollow {\n    positionUpdated { cursor }\n  }\n": typeof types.ApiOpsFollowDocument,
    "\n  query ApiBook($filter: PositionFilter) {\n    positions(filter: $filter) {\n      id\n      account\n      quantity\n      averageCost\n      source\n      updatedAt\n      contract { conId symbol secType localSymbol expiry strike right multiplier currency }\n    }\n  }\n": typeof types.ApiBookDocument,
    "\n  query ApiOnePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }\n  }\n": typeof types.ApiOnePositionDocument,
    "\n  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {\n    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }\n  }\n": typeof types.ApiAsOfDocument,
    "\n  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {\n    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {\n      edges { cursor node { cursor change at position { quantity source } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ApiHistoryDocument,
    "\n  query ApiBrokerBook($filter: PositionFilter) {\n    brokerPositions(filter: $filter) {\n      account quantity marketPrice marketValue contract { conId symbol }\n    }\n  }\n": typeof types.ApiBrokerBookDocument,
    "\n  query ApiStatus {\n    status {\n      mode version startedAt\n      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }\n      store { path bufferedUpdates lastFlushAt totalUpdates lastError }\n      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }\n    }\n    viewer { role }\n  }\n": typeof types.ApiStatusDocument,
    "\n  mutation ApiReconcile {\n    reconcile {\n      id trigger status startedAt finishedAt durationMs\n      brokerPositionCount storePositionCount\n      discrepancyCount criticalCount hasCriticalIssues summary error expiredCount deferredCount\n      countsByType { type count }\n      discrepancies { id type severity status account contract { conId } }\n    }\n  }\n": typeof types.ApiReconcileDocument,
    "\n  query ApiDiscrepancies($filter: DiscrepancyFilter) {\n    discrepancies(filter: $filter) {\n      id type severity status account message\n      brokerQuantity storeQuantity difference storeUpdatedAt\n      firstSeenAt lastSeenAt acknowledgedAt resolvedAt note\n      contract { conId symbol }\n    }\n  }\n": typeof types.ApiDiscrepanciesDocument,
    "\n  query ApiOneDiscrepancy($id: ID!) {\n    discrepancy(id: $id) { id type status note }\n  }\n": typeof types.ApiOneDiscrepancyDocument,
    "\n  mutation ApiAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status note acknowledgedAt resolvedAt }\n  }\n": typeof types.ApiAcknowledgeDocument,
    "\n  mutation ApiResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { id status note resolvedAt }\n  }\n": typeof types.ApiResolveDocument,
    "\n  query ApiRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) {\n      edges { cursor node { id trigger status } }\n      pageInfo { hasNextPage endCursor }\n    }\n    latestReconciliation { id trigger }\n  }\n": typeof types.ApiRunsDocument,
    "\n  query ApiOneRun($id: ID!) {\n    reconciliationRun(id: $id) { id trigger status summary discrepancies { id status } }\n  }\n": typeof types.ApiOneRunDocument,
    "\n  query ApiStorePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity source }\n  }\n": typeof types.ApiStorePositionDocument,
    "\n  subscription ApiFollowPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { account quantity contract { conId } } }\n  }\n": typeof types.ApiFollowPositionsDocument,
    "\n  subscription ApiFollowDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { id type status } }\n  }\n": typeof types.ApiFollowDiscrepanciesDocument,
    "\n  query ApiResumePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n": typeof types.ApiResumePositionDocument,
    "\n  mutation ApiResumeReconcile {\n    reconcile { discrepancies { id type } }\n  }\n": typeof types.ApiResumeReconcileDocument,
    "\n  mutation ApiResumeAcknowledge($id: ID!) {\n    acknowledgeDiscrepancy(id: $id) { id }\n  }\n": typeof types.ApiResumeAcknowledgeDocument,
    "\n  mutation ApiResumeResolve($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n": typeof types.ApiResumeResolveDocument,
    "\n  query ApiResumeActiveWithCursor {\n    discrepanciesWithCursor { cursor discrepancies { id type status } }\n  }\n": typeof types.ApiResumeActiveWithCursorDocument,
    "\n  subscription ApiServeFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": typeof types.ApiServeFollowDocument,
    "\n  query ApiServeStoreStatus {\n    status { broker { state } store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": typeof types.ApiServeStoreStatusDocument,
    "\n  subscription ApiShutdownFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": typeof types.ApiShutdownFollowDocument,
    "\n  subscription ApiShutdownRuns {\n    reconciliationCompleted { id }\n  }\n": typeof types.ApiShutdownRunsDocument,
    "\n  subscription ApiSseFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": typeof types.ApiSseFollowDocument,
    "\n  mutation ApiSseReconcile {\n    reconcile { discrepancyCount }\n  }\n": typeof types.ApiSseReconcileDocument,
    "\n  subscription ApiPositionUpdated($filter: PositionFilter, $after: String) {\n    positionUpdated(filter: $filter, after: $after) {\n      cursor change at\n      position { account quantity source contract { conId symbol } }\n    }\n  }\n": typeof types.ApiPositionUpdatedDocument,
    "\n  subscription ApiDiscrepancyChanged($filter: DiscrepancyFilter, $after: String) {\n    discrepancyChanged(filter: $filter, after: $after) {\n      cursor kind at\n      discrepancy { id type severity status note contract { conId } }\n    }\n  }\n": typeof types.ApiDiscrepancyChangedDocument,
    "\n  subscription ApiReconciliationCompleted {\n    reconciliationCompleted { id trigger status summary discrepancyCount }\n  }\n": typeof types.ApiReconciliationCompletedDocument,
    "\n  subscription ApiStatusChanged {\n    statusChanged { mode broker { state accounts } store { path } reconciliation { running } }\n  }\n": typeof types.ApiStatusChangedDocument,
    "\n  mutation ApiReconcileNow {\n    reconcile { id discrepancies { id type } }\n  }\n": typeof types.ApiReconcileNowDocument,
    "\n  mutation ApiAcknowledgeNow($id: ID!) {\n    acknowledgeDiscrepancy(id: $id, note: \"seen\") { id }\n  }\n": typeof types.ApiAcknowledgeNowDocument,
    "\n  mutation ApiResolveNow($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n": typeof types.ApiResolveNowDocument,
    "\n  query ApiVerification {\n    status { broker { state } verification { state reason verifiedAt run { id trigger } } }\n  }\n": typeof types.ApiVerificationDocument,
    "\n  query ApiVerificationBook {\n    positions { account quantity contract { conId } verifiedAt openDiscrepancy { type severity status } }\n  }\n": typeof types.ApiVerificationBookDocument,
    "\n  mutation ApiVerificationReconcile {\n    reconcile { id finishedAt caughtUpCount loadedCount }\n  }\n": typeof types.ApiVerificationReconcileDocument,
    "\n  query ApiVerificationRuns {\n    reconciliationRuns(first: 5) {\n      edges { node { trigger status caughtUpCount loadedCount discrepancies { type status note caughtUpAt storeUpdatedAt } } }\n    }\n  }\n": typeof types.ApiVerificationRunsDocument,
    "\n  subscription ApiVerificationChanges {\n    discrepancyChanged { kind discrepancy { account type status storeQuantity brokerQuantity note caughtUpAt contract { conId } } }\n  }\n": typeof types.ApiVerificationChangesDocument,
    "\n  query CliSignalsStatus {\n    status { store { path bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": typeof types.CliSignalsStatusDocument,
};
const documents: Documents = {
    "\n  mutation AlertLifecycleAcknowledge($id: ID!) { acknowledgeDiscrepancy(id: $id, note: \"looking\") { status } }\n": types.AlertLifecycleAcknowledgeDocument,
    "\n  mutation AlertLifecycleReconcile { reconcile { status discrepancies { id type severity status } } }\n": types.AlertLifecycleReconcileDocument,
    "\n  query AlertLifecycleDeliveries($filter: AlertDeliveryFilter) {\n    alertDeliveries(filter: $filter) { route state kind severity subject discrepancyId attempts lastError }\n  }\n": types.AlertLifecycleDeliveriesDocument,
    "\n  mutation AlertLifecycleTest($route: String!) { testAlert(route: $route) { id route state subject severity } }\n": types.AlertLifecycleTestDocument,
    "\n  mutation AlertKillReconcile { reconcile { status } }\n": types.AlertKillReconcileDocument,
    "\n  query AlertKillStarted { status { reconciliation { lastRun { trigger } } } }\n": types.AlertKillStartedDocument,
    "\n  query AlertKillOutbox { alertDeliveries(first: 200) { id state kind discrepancyId } }\n": types.AlertKillOutboxDocument,
    "\n  query ApiViewer {\n    viewer { role }\n  }\n": types.ApiViewerDocument,
    "\n  mutation ApiAuthReconcile {\n    reconcile { id status }\n  }\n": types.ApiAuthReconcileDocument,
    "\n  query ApiAuthLatest {\n    latestReconciliation { id }\n  }\n": types.ApiAuthLatestDocument,
    "\n  subscription ApiAuthRuns {\n    reconciliationCompleted { id trigger }\n  }\n": types.ApiAuthRunsDocument,
    "\n  query ApiOriginLatest {\n    latestReconciliation { id }\n  }\n": types.ApiOriginLatestDocument,
    "\n  query ApiOriginViewer {\n    viewer { role }\n  }\n": types.ApiOriginViewerDocument,
    "\n  subscription ApiCohortFollow($account: String, $after: String) {\n    positionUpdated(filter: { account: $account }, after: $after) {\n      cursor\n      change\n      position { account quantity contract { conId } }\n    }\n  }\n": types.ApiCohortFollowDocument,
    "\n  query ApiCohortPosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n": types.ApiCohortPositionDocument,
    "\n  subscription ApiCohortFollowHeavy($account: String) {\n    positionUpdated(filter: { account: $account }) {\n      cursor\n      p0: position { ...CohortHeavyPosition }\n      p1: position { ...CohortHeavyPosition }\n      p2: position { ...CohortHeavyPosition }\n      p3: position { ...CohortHeavyPosition }\n      p4: position { ...CohortHeavyPosition }\n      p5: position { ...CohortHeavyPosition }\n      p6: position { ...CohortHeavyPosition }\n      p7: position { ...CohortHeavyPosition }\n      p8: position { ...CohortHeavyPosition }\n      p9: position { ...CohortHeavyPosition }\n      p10: position { ...CohortHeavyPosition }\n      p11: position { ...CohortHeavyPosition }\n      p12: position { ...CohortHeavyPosition }\n      p13: position { ...CohortHeavyPosition }\n    }\n  }\n  fragment CohortHeavyPosition on Position {\n    id account quantity averageCost marketPrice marketValue updatedAt source\n    contract { conId symbol secType localSymbol expiry strike right multiplier currency exchange tradingClass }\n  }\n": types.ApiCohortFollowHeavyDocument,
    "\n  mutation AlertDemoTest { testAlert(route: \"webhook\") { state } }\n": types.AlertDemoTestDocument,
    "\n  query ApiDemoBook {\n    positions { account quantity contract { symbol secType expiry strike right } }\n  }\n": types.ApiDemoBookDocument,
    "\n  subscription ApiDemoDiscrepancies {\n    discrepancyChanged { kind discrepancy { type severity message } }\n  }\n": types.ApiDemoDiscrepanciesDocument,
    "\n  query ApiDemoOverview {\n    status { mode broker { state accounts } }\n    positions { account quantity }\n  }\n": types.ApiDemoOverviewDocument,
    "\n  query ApiErrorsAsOf($at: DateTime!) {\n    positionsAsOf(at: $at) { account }\n  }\n": types.ApiErrorsAsOfDocument,
    "\n  query ApiErrorsRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) { edges { cursor } }\n  }\n": types.ApiErrorsRunsDocument,
    "\n  query ApiErrorsHistory($account: String!, $conId: Int!) {\n    positionHistory(account: $account, conId: $conId, first: 1) { edges { cursor } }\n  }\n": types.ApiErrorsHistoryDocument,
    "\n  subscription ApiErrorsFollow($after: String) {\n    positionUpdated(after: $after) { cursor }\n  }\n": types.ApiErrorsFollowDocument,
    "\n  mutation ApiErrorsAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status }\n  }\n": types.ApiErrorsAcknowledgeDocument,
    "\n  mutation ApiErrorsReconcile {\n    reconcile { discrepancies { id } }\n  }\n": types.ApiErrorsReconcileDocument,
    "\n  mutation ApiExportPositions($out: String!, $what: ExportContent) {\n    exportPositions(out: $out, what: $what) { folder what rows symbols }\n  }\n": types.ApiExportPositionsDocument,
    "\n  query ApiExportStore {\n    status { store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": types.ApiExportStoreDocument,
    "\n  query AlertHealthDeliveries { alertDeliveries { state kind subject severity summary dedupKey } }\n": types.AlertHealthDeliveriesDocument,
    "\n  query ApiLimitsViewer {\n    viewer { role }\n  }\n": types.ApiLimitsViewerDocument,
    "\n  subscription ApiLimitsStatus {\n    statusChanged { mode }\n  }\n": types.ApiLimitsStatusDocument,
    "\n  query ApiOpsBrokerBook {\n    brokerPositions { account quantity }\n  }\n": types.ApiOpsBrokerBookDocument,
    "\n  mutation ApiOpsReconcile {\n    reconcile { status summary discrepancyCount discrepancies { id } }\n  }\n": types.ApiOpsReconcileDocument,
    "\n  subscription ApiOpsFollow {\n    positionUpdated { cursor }\n  }\n": types.ApiOpsFollowDocument,
    "\n  query ApiBook($filter: PositionFilter) {\n    positions(filter: $filter) {\n      id\n      account\n      quantity\n      averageCost\n      source\n      updatedAt\n      contract { conId symbol secType localSymbol expiry strike right multiplier currency }\n    }\n  }\n": types.ApiBookDocument,
    "\n  query ApiOnePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }\n  }\n": types.ApiOnePositionDocument,
    "\n  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {\n    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }\n  }\n": types.ApiAsOfDocument,
    "\n  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {\n    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {\n      edges { cursor node { cursor change at position { quantity source } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ApiHistoryDocument,
    "\n  query ApiBrokerBook($filter: PositionFilter) {\n    brokerPositions(filter: $filter) {\n      account quantity marketPrice marketValue contract { conId symbol }\n    }\n  }\n": types.ApiBrokerBookDocument,
    "\n  query ApiStatus {\n    status {\n      mode version startedAt\n      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }\n      store { path bufferedUpdates lastFlushAt totalUpdates lastError }\n      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }\n    }\n    viewer { role }\n  }\n": types.ApiStatusDocument,
    "\n  mutation ApiReconcile {\n    reconcile {\n      id trigger status startedAt finishedAt durationMs\n      brokerPositionCount storePositionCount\n      discrepancyCount criticalCount hasCriticalIssues summary error expiredCount deferredCount\n      countsByType { type count }\n      discrepancies { id type severity status account contract { conId } }\n    }\n  }\n": types.ApiReconcileDocument,
    "\n  query ApiDiscrepancies($filter: DiscrepancyFilter) {\n    discrepancies(filter: $filter) {\n      id type severity status account message\n      brokerQuantity storeQuantity difference storeUpdatedAt\n      firstSeenAt lastSeenAt acknowledgedAt resolvedAt note\n      contract { conId symbol }\n    }\n  }\n": types.ApiDiscrepanciesDocument,
    "\n  query ApiOneDiscrepancy($id: ID!) {\n    discrepancy(id: $id) { id type status note }\n  }\n": types.ApiOneDiscrepancyDocument,
    "\n  mutation ApiAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status note acknowledgedAt resolvedAt }\n  }\n": types.ApiAcknowledgeDocument,
    "\n  mutation ApiResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { id status note resolvedAt }\n  }\n": types.ApiResolveDocument,
    "\n  query ApiRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) {\n      edges { cursor node { id trigger status } }\n      pageInfo { hasNextPage endCursor }\n    }\n    latestReconciliation { id trigger }\n  }\n": types.ApiRunsDocument,
    "\n  query ApiOneRun($id: ID!) {\n    reconciliationRun(id: $id) { id trigger status summary discrepancies { id status } }\n  }\n": types.ApiOneRunDocument,
    "\n  query ApiStorePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity source }\n  }\n": types.ApiStorePositionDocument,
    "\n  subscription ApiFollowPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { account quantity contract { conId } } }\n  }\n": types.ApiFollowPositionsDocument,
    "\n  subscription ApiFollowDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { id type status } }\n  }\n": types.ApiFollowDiscrepanciesDocument,
    "\n  query ApiResumePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n": types.ApiResumePositionDocument,
    "\n  mutation ApiResumeReconcile {\n    reconcile { discrepancies { id type } }\n  }\n": types.ApiResumeReconcileDocument,
    "\n  mutation ApiResumeAcknowledge($id: ID!) {\n    acknowledgeDiscrepancy(id: $id) { id }\n  }\n": types.ApiResumeAcknowledgeDocument,
    "\n  mutation ApiResumeResolve($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n": types.ApiResumeResolveDocument,
    "\n  query ApiResumeActiveWithCursor {\n    discrepanciesWithCursor { cursor discrepancies { id type status } }\n  }\n": types.ApiResumeActiveWithCursorDocument,
    "\n  subscription ApiServeFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": types.ApiServeFollowDocument,
    "\n  query ApiServeStoreStatus {\n    status { broker { state } store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": types.ApiServeStoreStatusDocument,
    "\n  subscription ApiShutdownFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": types.ApiShutdownFollowDocument,
    "\n  subscription ApiShutdownRuns {\n    reconciliationCompleted { id }\n  }\n": types.ApiShutdownRunsDocument,
    "\n  subscription ApiSseFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n": types.ApiSseFollowDocument,
    "\n  mutation ApiSseReconcile {\n    reconcile { discrepancyCount }\n  }\n": types.ApiSseReconcileDocument,
    "\n  subscription ApiPositionUpdated($filter: PositionFilter, $after: String) {\n    positionUpdated(filter: $filter, after: $after) {\n      cursor change at\n      position { account quantity source contract { conId symbol } }\n    }\n  }\n": types.ApiPositionUpdatedDocument,
    "\n  subscription ApiDiscrepancyChanged($filter: DiscrepancyFilter, $after: String) {\n    discrepancyChanged(filter: $filter, after: $after) {\n      cursor kind at\n      discrepancy { id type severity status note contract { conId } }\n    }\n  }\n": types.ApiDiscrepancyChangedDocument,
    "\n  subscription ApiReconciliationCompleted {\n    reconciliationCompleted { id trigger status summary discrepancyCount }\n  }\n": types.ApiReconciliationCompletedDocument,
    "\n  subscription ApiStatusChanged {\n    statusChanged { mode broker { state accounts } store { path } reconciliation { running } }\n  }\n": types.ApiStatusChangedDocument,
    "\n  mutation ApiReconcileNow {\n    reconcile { id discrepancies { id type } }\n  }\n": types.ApiReconcileNowDocument,
    "\n  mutation ApiAcknowledgeNow($id: ID!) {\n    acknowledgeDiscrepancy(id: $id, note: \"seen\") { id }\n  }\n": types.ApiAcknowledgeNowDocument,
    "\n  mutation ApiResolveNow($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n": types.ApiResolveNowDocument,
    "\n  query ApiVerification {\n    status { broker { state } verification { state reason verifiedAt run { id trigger } } }\n  }\n": types.ApiVerificationDocument,
    "\n  query ApiVerificationBook {\n    positions { account quantity contract { conId } verifiedAt openDiscrepancy { type severity status } }\n  }\n": types.ApiVerificationBookDocument,
    "\n  mutation ApiVerificationReconcile {\n    reconcile { id finishedAt caughtUpCount loadedCount }\n  }\n": types.ApiVerificationReconcileDocument,
    "\n  query ApiVerificationRuns {\n    reconciliationRuns(first: 5) {\n      edges { node { trigger status caughtUpCount loadedCount discrepancies { type status note caughtUpAt storeUpdatedAt } } }\n    }\n  }\n": types.ApiVerificationRunsDocument,
    "\n  subscription ApiVerificationChanges {\n    discrepancyChanged { kind discrepancy { account type status storeQuantity brokerQuantity note caughtUpAt contract { conId } } }\n  }\n": types.ApiVerificationChangesDocument,
    "\n  query CliSignalsStatus {\n    status { store { path bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n": types.CliSignalsStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertLifecycleAcknowledge($id: ID!) { acknowledgeDiscrepancy(id: $id, note: \"looking\") { status } }\n"): typeof import('./graphql.js').AlertLifecycleAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertLifecycleReconcile { reconcile { status discrepancies { id type severity status } } }\n"): typeof import('./graphql.js').AlertLifecycleReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertLifecycleDeliveries($filter: AlertDeliveryFilter) {\n    alertDeliveries(filter: $filter) { route state kind severity subject discrepancyId attempts lastError }\n  }\n"): typeof import('./graphql.js').AlertLifecycleDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertLifecycleTest($route: String!) { testAlert(route: $route) { id route state subject severity } }\n"): typeof import('./graphql.js').AlertLifecycleTestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertKillReconcile { reconcile { status } }\n"): typeof import('./graphql.js').AlertKillReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertKillStarted { status { reconciliation { lastRun { trigger } } } }\n"): typeof import('./graphql.js').AlertKillStartedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertKillOutbox { alertDeliveries(first: 200) { id state kind discrepancyId } }\n"): typeof import('./graphql.js').AlertKillOutboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiViewer {\n    viewer { role }\n  }\n"): typeof import('./graphql.js').ApiViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAuthReconcile {\n    reconcile { id status }\n  }\n"): typeof import('./graphql.js').ApiAuthReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiAuthLatest {\n    latestReconciliation { id }\n  }\n"): typeof import('./graphql.js').ApiAuthLatestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiAuthRuns {\n    reconciliationCompleted { id trigger }\n  }\n"): typeof import('./graphql.js').ApiAuthRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOriginLatest {\n    latestReconciliation { id }\n  }\n"): typeof import('./graphql.js').ApiOriginLatestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOriginViewer {\n    viewer { role }\n  }\n"): typeof import('./graphql.js').ApiOriginViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiCohortFollow($account: String, $after: String) {\n    positionUpdated(filter: { account: $account }, after: $after) {\n      cursor\n      change\n      position { account quantity contract { conId } }\n    }\n  }\n"): typeof import('./graphql.js').ApiCohortFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiCohortPosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n"): typeof import('./graphql.js').ApiCohortPositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiCohortFollowHeavy($account: String) {\n    positionUpdated(filter: { account: $account }) {\n      cursor\n      p0: position { ...CohortHeavyPosition }\n      p1: position { ...CohortHeavyPosition }\n      p2: position { ...CohortHeavyPosition }\n      p3: position { ...CohortHeavyPosition }\n      p4: position { ...CohortHeavyPosition }\n      p5: position { ...CohortHeavyPosition }\n      p6: position { ...CohortHeavyPosition }\n      p7: position { ...CohortHeavyPosition }\n      p8: position { ...CohortHeavyPosition }\n      p9: position { ...CohortHeavyPosition }\n      p10: position { ...CohortHeavyPosition }\n      p11: position { ...CohortHeavyPosition }\n      p12: position { ...CohortHeavyPosition }\n      p13: position { ...CohortHeavyPosition }\n    }\n  }\n  fragment CohortHeavyPosition on Position {\n    id account quantity averageCost marketPrice marketValue updatedAt source\n    contract { conId symbol secType localSymbol expiry strike right multiplier currency exchange tradingClass }\n  }\n"): typeof import('./graphql.js').ApiCohortFollowHeavyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AlertDemoTest { testAlert(route: \"webhook\") { state } }\n"): typeof import('./graphql.js').AlertDemoTestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiDemoBook {\n    positions { account quantity contract { symbol secType expiry strike right } }\n  }\n"): typeof import('./graphql.js').ApiDemoBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiDemoDiscrepancies {\n    discrepancyChanged { kind discrepancy { type severity message } }\n  }\n"): typeof import('./graphql.js').ApiDemoDiscrepanciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiDemoOverview {\n    status { mode broker { state accounts } }\n    positions { account quantity }\n  }\n"): typeof import('./graphql.js').ApiDemoOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiErrorsAsOf($at: DateTime!) {\n    positionsAsOf(at: $at) { account }\n  }\n"): typeof import('./graphql.js').ApiErrorsAsOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiErrorsRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) { edges { cursor } }\n  }\n"): typeof import('./graphql.js').ApiErrorsRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiErrorsHistory($account: String!, $conId: Int!) {\n    positionHistory(account: $account, conId: $conId, first: 1) { edges { cursor } }\n  }\n"): typeof import('./graphql.js').ApiErrorsHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiErrorsFollow($after: String) {\n    positionUpdated(after: $after) { cursor }\n  }\n"): typeof import('./graphql.js').ApiErrorsFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiErrorsAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status }\n  }\n"): typeof import('./graphql.js').ApiErrorsAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiErrorsReconcile {\n    reconcile { discrepancies { id } }\n  }\n"): typeof import('./graphql.js').ApiErrorsReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiExportPositions($out: String!, $what: ExportContent) {\n    exportPositions(out: $out, what: $what) { folder what rows symbols }\n  }\n"): typeof import('./graphql.js').ApiExportPositionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiExportStore {\n    status { store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n"): typeof import('./graphql.js').ApiExportStoreDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertHealthDeliveries { alertDeliveries { state kind subject severity summary dedupKey } }\n"): typeof import('./graphql.js').AlertHealthDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiLimitsViewer {\n    viewer { role }\n  }\n"): typeof import('./graphql.js').ApiLimitsViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiLimitsStatus {\n    statusChanged { mode }\n  }\n"): typeof import('./graphql.js').ApiLimitsStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOpsBrokerBook {\n    brokerPositions { account quantity }\n  }\n"): typeof import('./graphql.js').ApiOpsBrokerBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiOpsReconcile {\n    reconcile { status summary discrepancyCount discrepancies { id } }\n  }\n"): typeof import('./graphql.js').ApiOpsReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiOpsFollow {\n    positionUpdated { cursor }\n  }\n"): typeof import('./graphql.js').ApiOpsFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiBook($filter: PositionFilter) {\n    positions(filter: $filter) {\n      id\n      account\n      quantity\n      averageCost\n      source\n      updatedAt\n      contract { conId symbol secType localSymbol expiry strike right multiplier currency }\n    }\n  }\n"): typeof import('./graphql.js').ApiBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOnePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }\n  }\n"): typeof import('./graphql.js').ApiOnePositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {\n    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }\n  }\n"): typeof import('./graphql.js').ApiAsOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {\n    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {\n      edges { cursor node { cursor change at position { quantity source } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').ApiHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiBrokerBook($filter: PositionFilter) {\n    brokerPositions(filter: $filter) {\n      account quantity marketPrice marketValue contract { conId symbol }\n    }\n  }\n"): typeof import('./graphql.js').ApiBrokerBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiStatus {\n    status {\n      mode version startedAt\n      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }\n      store { path bufferedUpdates lastFlushAt totalUpdates lastError }\n      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }\n    }\n    viewer { role }\n  }\n"): typeof import('./graphql.js').ApiStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiReconcile {\n    reconcile {\n      id trigger status startedAt finishedAt durationMs\n      brokerPositionCount storePositionCount\n      discrepancyCount criticalCount hasCriticalIssues summary error expiredCount deferredCount\n      countsByType { type count }\n      discrepancies { id type severity status account contract { conId } }\n    }\n  }\n"): typeof import('./graphql.js').ApiReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiDiscrepancies($filter: DiscrepancyFilter) {\n    discrepancies(filter: $filter) {\n      id type severity status account message\n      brokerQuantity storeQuantity difference storeUpdatedAt\n      firstSeenAt lastSeenAt acknowledgedAt resolvedAt note\n      contract { conId symbol }\n    }\n  }\n"): typeof import('./graphql.js').ApiDiscrepanciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOneDiscrepancy($id: ID!) {\n    discrepancy(id: $id) { id type status note }\n  }\n"): typeof import('./graphql.js').ApiOneDiscrepancyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { id status note acknowledgedAt resolvedAt }\n  }\n"): typeof import('./graphql.js').ApiAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { id status note resolvedAt }\n  }\n"): typeof import('./graphql.js').ApiResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiRuns($first: Int, $after: String) {\n    reconciliationRuns(first: $first, after: $after) {\n      edges { cursor node { id trigger status } }\n      pageInfo { hasNextPage endCursor }\n    }\n    latestReconciliation { id trigger }\n  }\n"): typeof import('./graphql.js').ApiRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiOneRun($id: ID!) {\n    reconciliationRun(id: $id) { id trigger status summary discrepancies { id status } }\n  }\n"): typeof import('./graphql.js').ApiOneRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiStorePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity source }\n  }\n"): typeof import('./graphql.js').ApiStorePositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiFollowPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { account quantity contract { conId } } }\n  }\n"): typeof import('./graphql.js').ApiFollowPositionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiFollowDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { id type status } }\n  }\n"): typeof import('./graphql.js').ApiFollowDiscrepanciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiResumePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { quantity }\n  }\n"): typeof import('./graphql.js').ApiResumePositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiResumeReconcile {\n    reconcile { discrepancies { id type } }\n  }\n"): typeof import('./graphql.js').ApiResumeReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiResumeAcknowledge($id: ID!) {\n    acknowledgeDiscrepancy(id: $id) { id }\n  }\n"): typeof import('./graphql.js').ApiResumeAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiResumeResolve($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n"): typeof import('./graphql.js').ApiResumeResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiResumeActiveWithCursor {\n    discrepanciesWithCursor { cursor discrepancies { id type status } }\n  }\n"): typeof import('./graphql.js').ApiResumeActiveWithCursorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiServeFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n"): typeof import('./graphql.js').ApiServeFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiServeStoreStatus {\n    status { broker { state } store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n"): typeof import('./graphql.js').ApiServeStoreStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiShutdownFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n"): typeof import('./graphql.js').ApiShutdownFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiShutdownRuns {\n    reconciliationCompleted { id }\n  }\n"): typeof import('./graphql.js').ApiShutdownRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiSseFollow {\n    positionUpdated { cursor position { quantity } }\n  }\n"): typeof import('./graphql.js').ApiSseFollowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiSseReconcile {\n    reconcile { discrepancyCount }\n  }\n"): typeof import('./graphql.js').ApiSseReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiPositionUpdated($filter: PositionFilter, $after: String) {\n    positionUpdated(filter: $filter, after: $after) {\n      cursor change at\n      position { account quantity source contract { conId symbol } }\n    }\n  }\n"): typeof import('./graphql.js').ApiPositionUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiDiscrepancyChanged($filter: DiscrepancyFilter, $after: String) {\n    discrepancyChanged(filter: $filter, after: $after) {\n      cursor kind at\n      discrepancy { id type severity status note contract { conId } }\n    }\n  }\n"): typeof import('./graphql.js').ApiDiscrepancyChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiReconciliationCompleted {\n    reconciliationCompleted { id trigger status summary discrepancyCount }\n  }\n"): typeof import('./graphql.js').ApiReconciliationCompletedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiStatusChanged {\n    statusChanged { mode broker { state accounts } store { path } reconciliation { running } }\n  }\n"): typeof import('./graphql.js').ApiStatusChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiReconcileNow {\n    reconcile { id discrepancies { id type } }\n  }\n"): typeof import('./graphql.js').ApiReconcileNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiAcknowledgeNow($id: ID!) {\n    acknowledgeDiscrepancy(id: $id, note: \"seen\") { id }\n  }\n"): typeof import('./graphql.js').ApiAcknowledgeNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiResolveNow($id: ID!) {\n    resolveDiscrepancy(id: $id) { id }\n  }\n"): typeof import('./graphql.js').ApiResolveNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiVerification {\n    status { broker { state } verification { state reason verifiedAt run { id trigger } } }\n  }\n"): typeof import('./graphql.js').ApiVerificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiVerificationBook {\n    positions { account quantity contract { conId } verifiedAt openDiscrepancy { type severity status } }\n  }\n"): typeof import('./graphql.js').ApiVerificationBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiVerificationReconcile {\n    reconcile { id finishedAt caughtUpCount loadedCount }\n  }\n"): typeof import('./graphql.js').ApiVerificationReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiVerificationRuns {\n    reconciliationRuns(first: 5) {\n      edges { node { trigger status caughtUpCount loadedCount discrepancies { type status note caughtUpAt storeUpdatedAt } } }\n    }\n  }\n"): typeof import('./graphql.js').ApiVerificationRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApiVerificationChanges {\n    discrepancyChanged { kind discrepancy { account type status storeQuantity brokerQuantity note caughtUpAt contract { conId } } }\n  }\n"): typeof import('./graphql.js').ApiVerificationChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CliSignalsStatus {\n    status { store { path bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }\n  }\n"): typeof import('./graphql.js').CliSignalsStatusDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
