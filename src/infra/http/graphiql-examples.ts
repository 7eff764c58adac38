/**
 * The operations GraphiQL opens with: one tab per task a newcomer tries first. GraphiQL names a
 * tab after its operation, so each operation has a name of its own.
 */
export const GRAPHIQL_TABS = [
  {
    query: `# The store's current book
query Positions {
  positions {
    account
    contract { symbol expiry strike right localSymbol }
    quantity averageCost marketPrice unrealizedPnl updatedAt source
  }
}`,
  },
  {
    query: `# Open discrepancies, most dangerous first
query OpenDiscrepancies {
  discrepancies(filter: { status: [OPEN, ACKNOWLEDGED] }) {
    id type severity status account message
    contract { symbol expiry strike right }
    brokerQuantity storeQuantity difference lastSeenAt
  }
}`,
  },
  {
    query: `# Reconcile now (joins a run in progress)
mutation Reconcile {
  reconcile {
    id status summary hasCriticalIssues durationMs
    discrepancies { type severity message }
  }
}`,
  },
  {
    query: `# Live: every discrepancy change as it happens
subscription Discrepancies {
  discrepancyChanged {
    cursor kind at
    discrepancy { type severity status message }
  }
}`,
  },
  {
    query: `# Live: every change to the book
subscription BookChanges {
  positionUpdated {
    cursor change at
    position { account quantity contract { symbol expiry strike right } }
  }
}`,
  },
  {
    query: `# Broker connection, store and schedule
query Status {
  status {
    mode version startedAt
    broker { state host port clientId accounts connectedSince lastError }
    store { path bufferedUpdates lastFlushAt totalUpdates lastError }
    reconciliation { running intervalMs nextRunAt lastRun { summary finishedAt } }
  }
}`,
  },
] as const;

/**
 * GraphiQL's own settings that yoga's renderer passes through to it untouched (yoga's option type
 * does not list them). Dark, as the dashboard is; a theme chosen in GraphiQL's settings wins.
 */
export const GRAPHIQL_APPEARANCE = { defaultTheme: 'dark' } as const;
