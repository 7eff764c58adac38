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
    "\n  fragment PositionParts on Position {\n    id account quantity averageCost marketPrice marketValue unrealizedPnl updatedAt source\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n": typeof types.PositionPartsFragmentDoc,
    "\n  fragment DiscrepancyParts on Discrepancy {\n    id type severity status account message brokerQuantity storeQuantity difference\n    firstSeenAt lastSeenAt acknowledgedAt note\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n": typeof types.DiscrepancyPartsFragmentDoc,
    "\n  fragment RunParts on ReconciliationRun {\n    id trigger status startedAt durationMs discrepancyCount criticalCount summary error\n    brokerPositionCount storePositionCount deferredCount caughtUpCount loadedCount\n  }\n": typeof types.RunPartsFragmentDoc,
    "\n  fragment StatusParts on SystemStatus {\n    mode version startedAt\n    broker { state host port clientId accounts lastError connectedSince }\n    store { bufferedUpdates lastFlushAt lastError totalUpdates }\n    reconciliation { running intervalMs nextRunAt }\n    verification { state reason verifiedAt }\n    alerts { routes pending dead }\n  }\n": typeof types.StatusPartsFragmentDoc,
    "\n  query Dashboard {\n    viewer { role }\n    status { ...StatusParts }\n    positions { ...PositionParts }\n    discrepancies { ...DiscrepancyParts }\n    reconciliationRuns(first: 30) { edges { node { ...RunParts } } }\n  }\n": typeof types.DashboardDocument,
    "\n  subscription DashboardPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { ...PositionParts } }\n  }\n": typeof types.DashboardPositionsDocument,
    "\n  subscription DashboardDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { ...DiscrepancyParts } }\n  }\n": typeof types.DashboardDiscrepanciesDocument,
    "\n  subscription DashboardRuns {\n    reconciliationCompleted { ...RunParts }\n  }\n": typeof types.DashboardRunsDocument,
    "\n  subscription DashboardStatus {\n    statusChanged { ...StatusParts }\n  }\n": typeof types.DashboardStatusDocument,
    "\n  mutation DashboardReconcile {\n    reconcile { ...RunParts }\n  }\n": typeof types.DashboardReconcileDocument,
    "\n  mutation DashboardAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n": typeof types.DashboardAcknowledgeDocument,
    "\n  mutation DashboardResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n": typeof types.DashboardResolveDocument,
};
const documents: Documents = {
    "\n  fragment PositionParts on Position {\n    id account quantity averageCost marketPrice marketValue unrealizedPnl updatedAt source\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n": types.PositionPartsFragmentDoc,
    "\n  fragment DiscrepancyParts on Discrepancy {\n    id type severity status account message brokerQuantity storeQuantity difference\n    firstSeenAt lastSeenAt acknowledgedAt note\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n": types.DiscrepancyPartsFragmentDoc,
    "\n  fragment RunParts on ReconciliationRun {\n    id trigger status startedAt durationMs discrepancyCount criticalCount summary error\n    brokerPositionCount storePositionCount deferredCount caughtUpCount loadedCount\n  }\n": types.RunPartsFragmentDoc,
    "\n  fragment StatusParts on SystemStatus {\n    mode version startedAt\n    broker { state host port clientId accounts lastError connectedSince }\n    store { bufferedUpdates lastFlushAt lastError totalUpdates }\n    reconciliation { running intervalMs nextRunAt }\n    verification { state reason verifiedAt }\n    alerts { routes pending dead }\n  }\n": types.StatusPartsFragmentDoc,
    "\n  query Dashboard {\n    viewer { role }\n    status { ...StatusParts }\n    positions { ...PositionParts }\n    discrepancies { ...DiscrepancyParts }\n    reconciliationRuns(first: 30) { edges { node { ...RunParts } } }\n  }\n": types.DashboardDocument,
    "\n  subscription DashboardPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { ...PositionParts } }\n  }\n": types.DashboardPositionsDocument,
    "\n  subscription DashboardDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { ...DiscrepancyParts } }\n  }\n": types.DashboardDiscrepanciesDocument,
    "\n  subscription DashboardRuns {\n    reconciliationCompleted { ...RunParts }\n  }\n": types.DashboardRunsDocument,
    "\n  subscription DashboardStatus {\n    statusChanged { ...StatusParts }\n  }\n": types.DashboardStatusDocument,
    "\n  mutation DashboardReconcile {\n    reconcile { ...RunParts }\n  }\n": types.DashboardReconcileDocument,
    "\n  mutation DashboardAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n": types.DashboardAcknowledgeDocument,
    "\n  mutation DashboardResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n": types.DashboardResolveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PositionParts on Position {\n    id account quantity averageCost marketPrice marketValue unrealizedPnl updatedAt source\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n"): typeof import('./graphql.js').PositionPartsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiscrepancyParts on Discrepancy {\n    id type severity status account message brokerQuantity storeQuantity difference\n    firstSeenAt lastSeenAt acknowledgedAt note\n    contract { conId symbol secType expiry strike right localSymbol multiplier currency }\n  }\n"): typeof import('./graphql.js').DiscrepancyPartsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunParts on ReconciliationRun {\n    id trigger status startedAt durationMs discrepancyCount criticalCount summary error\n    brokerPositionCount storePositionCount deferredCount caughtUpCount loadedCount\n  }\n"): typeof import('./graphql.js').RunPartsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusParts on SystemStatus {\n    mode version startedAt\n    broker { state host port clientId accounts lastError connectedSince }\n    store { bufferedUpdates lastFlushAt lastError totalUpdates }\n    reconciliation { running intervalMs nextRunAt }\n    verification { state reason verifiedAt }\n    alerts { routes pending dead }\n  }\n"): typeof import('./graphql.js').StatusPartsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    viewer { role }\n    status { ...StatusParts }\n    positions { ...PositionParts }\n    discrepancies { ...DiscrepancyParts }\n    reconciliationRuns(first: 30) { edges { node { ...RunParts } } }\n  }\n"): typeof import('./graphql.js').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardPositions($after: String) {\n    positionUpdated(after: $after) { cursor change position { ...PositionParts } }\n  }\n"): typeof import('./graphql.js').DashboardPositionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) { cursor kind discrepancy { ...DiscrepancyParts } }\n  }\n"): typeof import('./graphql.js').DashboardDiscrepanciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardRuns {\n    reconciliationCompleted { ...RunParts }\n  }\n"): typeof import('./graphql.js').DashboardRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardStatus {\n    statusChanged { ...StatusParts }\n  }\n"): typeof import('./graphql.js').DashboardStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardReconcile {\n    reconcile { ...RunParts }\n  }\n"): typeof import('./graphql.js').DashboardReconcileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardAcknowledge($id: ID!, $note: String) {\n    acknowledgeDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n"): typeof import('./graphql.js').DashboardAcknowledgeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardResolve($id: ID!, $note: String) {\n    resolveDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }\n  }\n"): typeof import('./graphql.js').DashboardResolveDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
