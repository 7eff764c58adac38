import type { ReconciliationRun, SequencedRun } from '../domain/reconciliation-run.js';
import type { DiscrepancyCount } from '../domain/reconciliation-summary.js';
import { builder } from './builder.js';
import { connectionType } from './connection.js';
import { decodeSequenceCursor } from './cursor.js';
import { DateTimeScalar } from './date-time.js';
import { DiscrepancyRef, DiscrepancyTypeEnum } from './discrepancy.js';

export const ReconciliationTriggerEnum = builder.enumType('ReconciliationTrigger', {
  values: ['STARTUP', 'SCHEDULED', 'MANUAL', 'RECONNECT'] as const,
});
export const ReconciliationStatusEnum = builder.enumType('ReconciliationStatus', {
  values: ['CLEAN', 'DISCREPANCIES', 'BROKER_UNAVAILABLE', 'FAILED'] as const,
});

const DiscrepancyCountRef = builder.objectRef<DiscrepancyCount>('DiscrepancyCount').implement({
  fields: (t) => ({
    type: t.expose('type', { type: DiscrepancyTypeEnum }),
    count: t.exposeInt('count'),
  }),
});

export const ReconciliationRunRef = builder.objectRef<ReconciliationRun>('ReconciliationRun').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    trigger: t.expose('trigger', { type: ReconciliationTriggerEnum }),
    status: t.expose('status', { type: ReconciliationStatusEnum }),
    startedAt: t.expose('startedAt', { type: DateTimeScalar }),
    finishedAt: t.expose('finishedAt', { type: DateTimeScalar }),
    durationMs: t.exposeFloat('durationMs'),
    brokerPositionCount: t.exposeInt('brokerPositionCount'),
    storePositionCount: t.exposeInt('storePositionCount'),
    discrepancies: t.field({
      type: [DiscrepancyRef],
      description: 'The discrepancies this run found, in their current state',
      resolve: (run, _args, ctx) => ctx.api.reconciliation.discrepanciesOf(run),
    }),
    discrepancyCount: t.exposeInt('discrepancyCount'),
    criticalCount: t.exposeInt('criticalCount'),
    hasCriticalIssues: t.exposeBoolean('hasCriticalIssues'),
    countsByType: t.expose('countsByType', { type: [DiscrepancyCountRef] }),
    summary: t.exposeString('summary', {
      description: 'Broker: 12, Store: 11, Discrepancies: 2 (1 critical)',
    }),
    expiredCount: t.exposeInt('expiredCount', { description: 'Expired options closed with an EXPIRY row' }),
    deferredCount: t.exposeInt('deferredCount', {
      description: 'Keys that traded within the quiet window, checked on the next run',
    }),
    caughtUpCount: t.exposeInt('caughtUpCount', {
      description:
        "Keys the catch-up before this run changed: the broker's starting list differed from the store as it was. Each is one of this run's discrepancies, opened and resolved by it",
    }),
    loadedCount: t.exposeInt('loadedCount', {
      description: 'Starting-list rows of accounts the store held nothing for: loaded, not compared',
    }),
    error: t.exposeString('error', { nullable: true }),
  }),
});

const CURSOR_KIND = 'reconciliation-run';

const ReconciliationRunConnectionRef = connectionType('ReconciliationRun', {
  cursorKind: CURSOR_KIND,
  node: ReconciliationRunRef,
  nodeOf: (item: SequencedRun) => item.run,
});

builder.queryFields((t) => ({
  reconciliationRun: t.field({
    type: ReconciliationRunRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.api.reconciliation.run(String(args.id)),
  }),
  reconciliationRuns: t.field({
    type: ReconciliationRunConnectionRef,
    description: 'Newest first',
    args: { first: t.arg.int({ defaultValue: 20 }), after: t.arg.string() },
    resolve: (_root, args, ctx) =>
      ctx.api.reconciliation.runs({
        first: args.first ?? 20,
        after: decodeSequenceCursor(CURSOR_KIND, args.after),
      }),
  }),
  latestReconciliation: t.field({
    type: ReconciliationRunRef,
    nullable: true,
    resolve: (_root, _args, ctx) => ctx.api.reconciliation.latest(),
  }),
}));

builder.mutationFields((t) => ({
  reconcile: t.field({
    type: ReconciliationRunRef,
    description: 'Runs a reconciliation now and returns it; joins a run already in progress',
    resolve: (_root, _args, ctx) => ctx.api.reconciliation.reconcile(),
  }),
}));

builder.subscriptionFields((t) => ({
  reconciliationCompleted: t.field({
    type: ReconciliationRunRef,
    subscribe: (_root, _args, ctx) => ctx.api.reconciliation.completed(),
    resolve: (run) => run,
  }),
}));
