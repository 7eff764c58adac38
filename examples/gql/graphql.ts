/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type ReconciliationStatus =
  | 'BROKER_UNAVAILABLE'
  | 'CLEAN'
  | 'DISCREPANCIES'
  | 'FAILED';

export type Severity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type ReconcileCheckMutationVariables = Exact<{ [key: string]: never; }>;


export type ReconcileCheckMutation = { reconcile: { status: ReconciliationStatus, summary: string, hasCriticalIssues: boolean, discrepancies: Array<{ type: DiscrepancyType, severity: Severity, message: string }> } };

export type WatchDiscrepanciesNowQueryVariables = Exact<{ [key: string]: never; }>;


export type WatchDiscrepanciesNowQuery = { discrepanciesWithCursor: { cursor: string, discrepancies: Array<{ id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string }> } };

export type WatchDiscrepanciesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WatchDiscrepanciesSubscription = { discrepancyChanged: { cursor: string, kind: DiscrepancyEventKind, at: string, discrepancy: { id: string, type: DiscrepancyType, severity: Severity, status: DiscrepancyStatus, account: string, message: string } } };

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

export const ReconcileCheckDocument = new TypedDocumentString(`
    mutation ReconcileCheck {
  reconcile {
    status
    summary
    hasCriticalIssues
    discrepancies {
      type
      severity
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ReconcileCheckMutation, ReconcileCheckMutationVariables>;
export const WatchDiscrepanciesNowDocument = new TypedDocumentString(`
    query WatchDiscrepanciesNow {
  discrepanciesWithCursor {
    cursor
    discrepancies {
      id
      type
      severity
      status
      account
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WatchDiscrepanciesNowQuery, WatchDiscrepanciesNowQueryVariables>;
export const WatchDiscrepanciesDocument = new TypedDocumentString(`
    subscription WatchDiscrepancies($after: String) {
  discrepancyChanged(after: $after) {
    cursor
    kind
    at
    discrepancy {
      id
      type
      severity
      status
      account
      message
    }
  }
}
    `) as unknown as TypedDocumentString<WatchDiscrepanciesSubscription, WatchDiscrepanciesSubscriptionVariables>;