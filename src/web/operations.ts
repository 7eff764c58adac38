import { graphql } from './gql/index.js';

// Every operation the dashboard sends; codegen checks them against the schema and types them.

export const PositionPartsFragment = graphql(`
  fragment PositionParts on Position {
    id account quantity averageCost marketPrice marketValue unrealizedPnl updatedAt source
    contract { conId symbol secType expiry strike right localSymbol multiplier currency }
  }
`);

export const DiscrepancyPartsFragment = graphql(`
  fragment DiscrepancyParts on Discrepancy {
    id type severity status account message brokerQuantity storeQuantity difference
    firstSeenAt lastSeenAt acknowledgedAt note
    contract { conId symbol secType expiry strike right localSymbol multiplier currency }
  }
`);

export const RunPartsFragment = graphql(`
  fragment RunParts on ReconciliationRun {
    id trigger status startedAt durationMs discrepancyCount criticalCount summary error
    brokerPositionCount storePositionCount deferredCount caughtUpCount loadedCount
  }
`);

export const StatusPartsFragment = graphql(`
  fragment StatusParts on SystemStatus {
    mode version startedAt
    broker { state host port clientId accounts lastError connectedSince }
    store { bufferedUpdates lastFlushAt lastError totalUpdates }
    reconciliation { running intervalMs nextRunAt }
    verification { state reason verifiedAt }
    alerts { routes pending dead }
  }
`);

export const DashboardQuery = graphql(`
  query Dashboard {
    viewer { role }
    status { ...StatusParts }
    positions { ...PositionParts }
    discrepancies { ...DiscrepancyParts }
    reconciliationRuns(first: 30) { edges { node { ...RunParts } } }
  }
`);

export const PositionUpdatedSubscription = graphql(`
  subscription DashboardPositions($after: String) {
    positionUpdated(after: $after) { cursor change position { ...PositionParts } }
  }
`);

export const DiscrepancyChangedSubscription = graphql(`
  subscription DashboardDiscrepancies($after: String) {
    discrepancyChanged(after: $after) { cursor kind discrepancy { ...DiscrepancyParts } }
  }
`);

export const RunCompletedSubscription = graphql(`
  subscription DashboardRuns {
    reconciliationCompleted { ...RunParts }
  }
`);

export const StatusChangedSubscription = graphql(`
  subscription DashboardStatus {
    statusChanged { ...StatusParts }
  }
`);

export const ReconcileMutation = graphql(`
  mutation DashboardReconcile {
    reconcile { ...RunParts }
  }
`);

export const AcknowledgeMutation = graphql(`
  mutation DashboardAcknowledge($id: ID!, $note: String) {
    acknowledgeDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }
  }
`);

export const ResolveMutation = graphql(`
  mutation DashboardResolve($id: ID!, $note: String) {
    resolveDiscrepancy(id: $id, note: $note) { ...DiscrepancyParts }
  }
`);
