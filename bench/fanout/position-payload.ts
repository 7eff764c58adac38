import type { Contract } from '../../src/domain/contract.js';

/**
 * What every fan-out subscriber asks for and receives, whichever server answers: a dashboard's
 * view of one position update. Event n carries quantity n, which is how a subscriber tells the
 * events apart (the broker side of the benchmark trades the position to quantity n).
 */
export const FANOUT_SUBSCRIPTION = `subscription FanOut {
  positionUpdated {
    cursor
    change
    at
    position {
      id
      account
      quantity
      averageCost
      marketPrice
      marketValue
      updatedAt
      source
      contract { conId symbol secType localSymbol expiry strike right multiplier }
    }
  }
}`;

/** The account and option the broker side trades (not the account whose portfolio feed is on). */
export const TRADED_ACCOUNT = 'DU222222';
export const TRADED_CONTRACT: Contract = {
  conId: 930_001,
  symbol: 'SPY',
  secType: 'OPT',
  currency: 'USD',
  exchange: 'SMART',
  expiry: '20271217',
  strike: 600,
  right: 'CALL',
  multiplier: 100,
  localSymbol: 'SPY   271217C00600000',
  tradingClass: 'SPY',
};

/** The event id a subscriber received, from any of the servers; undefined if it is not one. */
export function eventIdOf(result: unknown): number | undefined {
  const quantity = (result as { data?: { positionUpdated?: { position?: { quantity?: unknown } } } }).data
    ?.positionUpdated?.position?.quantity;
  return typeof quantity === 'number' && Number.isInteger(quantity) && quantity > 0 ? quantity : undefined;
}

/**
 * The `positionUpdated` value of event n, shaped and sized like what the service sends for the
 * same trade, for the servers that do not compute it themselves.
 */
export function positionPayload(n: number, at: Date): Record<string, unknown> {
  const price = 4.5;
  const c = TRADED_CONTRACT;
  const multiplier = c.multiplier ?? 1;
  return {
    cursor: Buffer.from(`position-update:${1_795_615_724_372_000 + n}`).toString('base64url'),
    change: 'CHANGED',
    at: at.toISOString(),
    position: {
      id: `${TRADED_ACCOUNT}:${c.conId}`,
      account: TRADED_ACCOUNT,
      quantity: n,
      averageCost: 450.12,
      marketPrice: price,
      marketValue: n * price * multiplier,
      updatedAt: at.toISOString(),
      source: 'STREAM',
      contract: {
        conId: c.conId,
        symbol: c.symbol,
        secType: c.secType,
        localSymbol: c.localSymbol,
        expiry: c.expiry,
        strike: c.strike,
        right: c.right,
        multiplier,
      },
    },
  };
}

/** The subset of the service's schema the subscription touches, for the bare yoga server. */
export const BARE_TYPE_DEFS = /* GraphQL */ `
  enum PositionChange { OPENED CHANGED CLOSED REFRESHED }
  enum PositionSource { STREAM SNAPSHOT EXPIRY MANUAL }
  enum OptionRight { CALL PUT }
  type Contract {
    conId: Int!
    symbol: String!
    secType: String!
    localSymbol: String
    expiry: String
    strike: Float
    right: OptionRight
    multiplier: Float
  }
  type Position {
    id: ID!
    account: String!
    contract: Contract!
    quantity: Float!
    averageCost: Float
    marketPrice: Float
    marketValue: Float
    updatedAt: String!
    source: PositionSource!
  }
  type PositionUpdate { cursor: String! change: PositionChange! at: String! position: Position! }
  type Query { ok: Boolean! }
  type Subscription { positionUpdated: PositionUpdate! }
`;
