import type { Discrepancy } from '../domain/discrepancy.js';
import type { DiscrepancyFilter } from '../domain/discrepancy-filter.js';
import { builder } from './builder.js';
import { ContractRef } from './contract.js';
import { DateTimeScalar } from './date-time.js';
import type { Nullable } from './nullable.js';

export const DiscrepancyTypeEnum = builder.enumType('DiscrepancyType', {
  values: ['MISSING_FROM_STORE', 'NAKED_POSITION', 'POSITION_MISMATCH', 'STALE_DATA'] as const,
});
export const SeverityEnum = builder.enumType('Severity', {
  values: ['INFO', 'WARNING', 'CRITICAL'] as const,
});
export const DiscrepancyStatusEnum = builder.enumType('DiscrepancyStatus', {
  values: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const,
});

export const DiscrepancyRef = builder.objectRef<Discrepancy>('Discrepancy').implement({
  description: 'One discrepancy per (account, conId, type) while it persists',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.expose('type', { type: DiscrepancyTypeEnum }),
    severity: t.expose('severity', { type: SeverityEnum }),
    status: t.expose('status', { type: DiscrepancyStatusEnum }),
    account: t.exposeString('account'),
    contract: t.expose('contract', { type: ContractRef }),
    brokerQuantity: t.exposeFloat('brokerQuantity', { nullable: true }),
    storeQuantity: t.exposeFloat('storeQuantity', { nullable: true }),
    difference: t.exposeFloat('difference', { description: 'Broker minus store' }),
    storeUpdatedAt: t.expose('storeUpdatedAt', { type: DateTimeScalar, nullable: true }),
    caughtUpAt: t.expose('caughtUpAt', {
      type: DateTimeScalar,
      nullable: true,
      description:
        "When a catch-up applied the broker's starting list to this key: the store was behind from storeUpdatedAt until then. Null for a discrepancy a run found",
    }),
    firstSeenAt: t.expose('firstSeenAt', { type: DateTimeScalar }),
    lastSeenAt: t.expose('lastSeenAt', { type: DateTimeScalar }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: DateTimeScalar, nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: DateTimeScalar, nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

export const DiscrepancyFilterInput = builder.inputType('DiscrepancyFilter', {
  description: 'Without a status, the active discrepancies (OPEN and ACKNOWLEDGED)',
  fields: (t) => ({
    status: t.field({ type: [DiscrepancyStatusEnum] }),
    type: t.field({ type: [DiscrepancyTypeEnum] }),
    severity: t.field({ type: [SeverityEnum] }),
    account: t.string(),
    symbol: t.string(),
  }),
});

export function discrepancyFilterOf(
  input: Nullable<Required<DiscrepancyFilter>> | null | undefined,
): DiscrepancyFilter {
  return {
    status: input?.status ?? undefined,
    type: input?.type ?? undefined,
    severity: input?.severity ?? undefined,
    account: input?.account ?? undefined,
    symbol: input?.symbol ?? undefined,
  };
}

builder.queryFields((t) => ({
  discrepancies: t.field({
    type: [DiscrepancyRef],
    args: { filter: t.arg({ type: DiscrepancyFilterInput }) },
    resolve: (_root, args, ctx) => ctx.api.discrepancies.list(discrepancyFilterOf(args.filter)),
  }),
  discrepancy: t.field({
    type: DiscrepancyRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.api.discrepancies.get(String(args.id)),
  }),
}));

builder.mutationFields((t) => ({
  acknowledgeDiscrepancy: t.field({
    type: DiscrepancyRef,
    description: 'A person has seen it; it stays active until a run no longer finds it',
    args: { id: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: (_root, args, ctx) => ctx.api.discrepancies.acknowledge(String(args.id), args.note ?? null),
  }),
  resolveDiscrepancy: t.field({
    type: DiscrepancyRef,
    description: "Accept the broker's view: the store takes the broker's quantity (a MANUAL row)",
    args: { id: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: (_root, args, ctx) => ctx.api.discrepancies.resolve(String(args.id), args.note ?? null),
  }),
}));
