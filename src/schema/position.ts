import { keyId, type Position } from '../domain/position.js';
import type { PositionFilter } from '../domain/position-filter.js';
import { builder } from './builder.js';
import { ContractRef } from './contract.js';
import { DateTimeScalar } from './date-time.js';
import { DiscrepancyRef } from './discrepancy.js';
import type { Nullable } from './nullable.js';

export const PositionSourceEnum = builder.enumType('PositionSource', {
  values: ['STREAM', 'SNAPSHOT', 'EXPIRY', 'MANUAL'] as const,
});

export const PositionRef = builder.objectRef<Position>('Position').implement({
  description: 'The latest known state of one (account, conId); quantity 0 means closed',
  fields: (t) => ({
    id: t.id({ resolve: (p) => keyId(p) }),
    account: t.exposeString('account'),
    contract: t.expose('contract', { type: ContractRef }),
    quantity: t.exposeFloat('quantity'),
    averageCost: t.exposeFloat('averageCost', {
      nullable: true,
      description: 'Per contract, multiplier included',
    }),
    marketPrice: t.exposeFloat('marketPrice', { nullable: true }),
    marketValue: t.exposeFloat('marketValue', { nullable: true }),
    unrealizedPnl: t.exposeFloat('unrealizedPnl', { nullable: true }),
    realizedPnl: t.exposeFloat('realizedPnl', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: DateTimeScalar }),
    source: t.expose('source', { type: PositionSourceEnum }),
    verifiedAt: t.field({
      type: DateTimeScalar,
      nullable: true,
      description:
        'When a run whose complete snapshot agreed on this key last finished (compared and agreeing, not deferred)',
      resolve: (p, _args, ctx) => ctx.api.positions.verifiedAt(p),
    }),
    openDiscrepancy: t.field({
      type: DiscrepancyRef,
      nullable: true,
      description: "This key's active discrepancy (OPEN or ACKNOWLEDGED), the most severe if several",
      resolve: (p, _args, ctx) => ctx.api.discrepancies.activeOf(p),
    }),
  }),
});

export const PositionFilterInput = builder.inputType('PositionFilter', {
  fields: (t) => ({
    account: t.string(),
    symbol: t.string(),
    secType: t.string(),
    includeClosed: t.boolean({ defaultValue: false }),
  }),
});

type PositionFilterArg = Nullable<Required<PositionFilter>> | null | undefined;

export function positionFilterOf(input: PositionFilterArg): PositionFilter {
  return {
    account: input?.account ?? undefined,
    symbol: input?.symbol ?? undefined,
    secType: input?.secType ?? undefined,
    includeClosed: input?.includeClosed ?? false,
  };
}

builder.queryFields((t) => ({
  positions: t.field({
    type: [PositionRef],
    description: "The store's current book",
    args: { filter: t.arg({ type: PositionFilterInput }) },
    resolve: (_root, args, ctx) => ctx.api.positions.book(positionFilterOf(args.filter)),
  }),
  position: t.field({
    type: PositionRef,
    nullable: true,
    args: { account: t.arg.string({ required: true }), conId: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => ctx.api.positions.position({ account: args.account, conId: args.conId }),
  }),
  positionsAsOf: t.field({
    type: [PositionRef],
    description: 'The book as the store knew it at an instant',
    args: {
      at: t.arg({ type: DateTimeScalar, required: true }),
      filter: t.arg({ type: PositionFilterInput }),
    },
    resolve: (_root, args, ctx) => ctx.api.positions.asOf(args.at, positionFilterOf(args.filter)),
  }),
  brokerPositions: t.field({
    type: [PositionRef],
    description: "The broker's live book, in memory",
    args: { filter: t.arg({ type: PositionFilterInput }) },
    resolve: (_root, args, ctx) => ctx.api.broker.book(positionFilterOf(args.filter)),
  }),
}));
