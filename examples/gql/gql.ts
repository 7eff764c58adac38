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
    "\n  mutation ReconcileCheck {\n    reconcile {\n      status\n      summary\n      hasCriticalIssues\n      discrepancies {\n        type\n        severity\n        message\n      }\n    }\n  }\n": typeof types.ReconcileCheckDocument,
    "\n  query WatchDiscrepanciesNow {\n    discrepanciesWithCursor {\n      cursor\n      discrepancies {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n": typeof types.WatchDiscrepanciesNowDocument,
    "\n  subscription WatchDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) {\n      cursor\n      kind\n      at\n      discrepancy {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n": typeof types.WatchDiscrepanciesDocument,
};
const documents: Documents = {
    "\n  mutation ReconcileCheck {\n    reconcile {\n      status\n      summary\n      hasCriticalIssues\n      discrepancies {\n        type\n        severity\n        message\n      }\n    }\n  }\n": types.ReconcileCheckDocument,
    "\n  query WatchDiscrepanciesNow {\n    discrepanciesWithCursor {\n      cursor\n      discrepancies {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n": types.WatchDiscrepanciesNowDocument,
    "\n  subscription WatchDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) {\n      cursor\n      kind\n      at\n      discrepancy {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n": types.WatchDiscrepanciesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReconcileCheck {\n    reconcile {\n      status\n      summary\n      hasCriticalIssues\n      discrepancies {\n        type\n        severity\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').ReconcileCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WatchDiscrepanciesNow {\n    discrepanciesWithCursor {\n      cursor\n      discrepancies {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').WatchDiscrepanciesNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WatchDiscrepancies($after: String) {\n    discrepancyChanged(after: $after) {\n      cursor\n      kind\n      at\n      discrepancy {\n        id\n        type\n        severity\n        status\n        account\n        message\n      }\n    }\n  }\n"): typeof import('./graphql.js').WatchDiscrepanciesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
