import type { ReconciliationStatusInfo } from '../domain/reconciliation/reconciliation-service.js';
import type { AlertStatus, BrokerStatus, StoreStatus, SystemStatus } from '../domain/system-status.js';
import { builder } from './builder.js';
import { DateTimeScalar } from './date-time.js';
import { ReconciliationRunRef } from './reconciliation-run.js';
import { VerificationRef } from './verification.js';

export const BrokerStateEnum = builder.enumType('BrokerState', {
  values: ['DISCONNECTED', 'CONNECTING', 'CONNECTED', 'READY'] as const,
});
export const RunModeEnum = builder.enumType('RunMode', {
  values: ['LIVE', 'PAPER', 'DEMO'] as const,
  description: 'PAPER: every managed account starts with "DU"',
});

const BrokerStatusRef = builder.objectRef<BrokerStatus>('BrokerStatus').implement({
  fields: (t) => ({
    state: t.expose('state', { type: BrokerStateEnum }),
    host: t.exposeString('host'),
    port: t.exposeInt('port'),
    clientId: t.exposeInt('clientId'),
    accounts: t.exposeStringList('accounts'),
    serverVersion: t.exposeInt('serverVersion', { nullable: true }),
    connectedSince: t.expose('connectedSince', { type: DateTimeScalar, nullable: true }),
    lastMessageAt: t.expose('lastMessageAt', { type: DateTimeScalar, nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
  }),
});

const StoreStatusRef = builder.objectRef<StoreStatus>('StoreStatus').implement({
  fields: (t) => ({
    path: t.exposeString('path'),
    bufferedUpdates: t.exposeInt('bufferedUpdates'),
    lastFlushAt: t.expose('lastFlushAt', { type: DateTimeScalar, nullable: true }),
    totalUpdates: t.exposeInt('totalUpdates'),
    lastError: t.exposeString('lastError', { nullable: true }),
  }),
});

const AlertStatusRef = builder.objectRef<AlertStatus>('AlertStatus').implement({
  description: 'Where alerts go (--alert-route) and what the outbox holds',
  fields: (t) => ({
    routes: t.exposeStringList('routes', { description: 'The configured route ids' }),
    pending: t.exposeInt('pending', { description: 'Alerts not yet taken by their receiver' }),
    dead: t.exposeInt('dead', {
      description: 'Alerts given up after the maximum age: nobody received them (see alertDeliveries)',
    }),
  }),
});

const ReconciliationStatusInfoRef = builder
  .objectRef<ReconciliationStatusInfo>('ReconciliationStatusInfo')
  .implement({
    fields: (t) => ({
      running: t.exposeBoolean('running'),
      intervalMs: t.exposeInt('intervalMs'),
      nextRunAt: t.expose('nextRunAt', { type: DateTimeScalar, nullable: true }),
      lastRun: t.expose('lastRun', { type: ReconciliationRunRef, nullable: true }),
    }),
  });

export const SystemStatusRef = builder.objectRef<SystemStatus>('SystemStatus').implement({
  fields: (t) => ({
    mode: t.expose('mode', { type: RunModeEnum }),
    version: t.exposeString('version'),
    startedAt: t.expose('startedAt', { type: DateTimeScalar }),
    broker: t.expose('broker', { type: BrokerStatusRef }),
    store: t.expose('store', { type: StoreStatusRef }),
    reconciliation: t.expose('reconciliation', { type: ReconciliationStatusInfoRef }),
    verification: t.expose('verification', { type: VerificationRef }),
    alerts: t.expose('alerts', { type: AlertStatusRef }),
  }),
});

builder.queryFields((t) => ({
  status: t.field({ type: SystemStatusRef, resolve: (_root, _args, ctx) => ctx.api.system.status() }),
}));

builder.subscriptionFields((t) => ({
  statusChanged: t.field({
    type: SystemStatusRef,
    description:
      'The status whenever the broker state, the store, the reconciliation or the verification state changes (also when it ages into STALE)',
    subscribe: (_root, _args, ctx) => ctx.api.system.changes(),
    resolve: (status) => status,
  }),
}));
