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
    "\n  query ApiBook($filter: PositionFilter) {\n    positions(filter: $filter) {\n      id\n      account\n      quantity\n      averageCost\n      source\n      updatedAt\n      contract { conId symbol secType localSymbol expiry strike right multiplier currency }\n    }\n  }\n": typeof types.ApiBookDocument,
    "\n  query ApiOnePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }\n  }\n": typeof types.ApiOnePositionDocument,
    "\n  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {\n    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }\n  }\n": typeof types.ApiAsOfDocument,
    "\n  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {\n    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {\n      edges { cursor node { cursor change at position { quantity source } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ApiHistoryDocument,
    "\n  query ApiBrokerBook($filter: PositionFilter) {\n    brokerPositions(filter: $filter) {\n      account quantity marketPrice marketValue contract { conId symbol }\n    }\n  }\n": typeof types.ApiBrokerBookDocument,
    "\n  query ApiStatus {\n    status {\n      mode version startedAt\n      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }\n      store { path bufferedUpdates lastFlushAt totalUpdates lastError }\n      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }\n    }\n    viewer { role }\n  }\n": typeof types.ApiStatusDocument,
};
const documents: Documents = {
    "\n  query ApiBook($filter: PositionFilter) {\n    positions(filter: $filter) {\n      id\n      account\n      quantity\n      averageCost\n      source\n      updatedAt\n      contract { conId symbol secType localSymbol expiry strike right multiplier currency }\n    }\n  }\n": types.ApiBookDocument,
    "\n  query ApiOnePosition($account: String!, $conId: Int!) {\n    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }\n  }\n": types.ApiOnePositionDocument,
    "\n  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {\n    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }\n  }\n": types.ApiAsOfDocument,
    "\n  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {\n    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {\n      edges { cursor node { cursor change at position { quantity source } } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ApiHistoryDocument,
    "\n  query ApiBrokerBook($filter: PositionFilter) {\n    brokerPositions(filter: $filter) {\n      account quantity marketPrice marketValue contract { conId symbol }\n    }\n  }\n": types.ApiBrokerBookDocument,
    "\n  query ApiStatus {\n    status {\n      mode version startedAt\n      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }\n      store { path bufferedUpdates lastFlushAt totalUpdates lastError }\n      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }\n    }\n    viewer { role }\n  }\n": types.ApiStatusDocument,
};

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


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
