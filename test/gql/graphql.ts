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

/** ADMIN may run mutations; READ may only read and subscribe */
export type ViewerRole =
  | 'ADMIN'
  | 'READ';

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