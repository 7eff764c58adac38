import type { AlertDelivery, AlertDeliveryFilter } from '../domain/ports/alert-outbox-port.js';
import { builder } from './builder.js';
import { DateTimeScalar } from './date-time.js';
import { SeverityEnum } from './discrepancy.js';

export const AlertDeliveryStateEnum = builder.enumType('AlertDeliveryState', {
  values: {
    PENDING: { description: 'Not yet taken by the receiver: being sent, or waiting for its next attempt' },
    SENT: { description: 'The receiver answered 2xx' },
    DEAD: { description: 'Given up after the maximum age (--alert-max-age-ms); logged at error level' },
  } as const,
});
export const AlertKindEnum = builder.enumType('AlertKind', {
  values: ['OPENED', 'SEVERITY_RAISED', 'ACKNOWLEDGED', 'RESOLVED'] as const,
});
export const AlertSubjectEnum = builder.enumType('AlertSubject', {
  values: {
    DISCREPANCY: { value: 'discrepancy', description: 'A discrepancy through its life' },
    HEALTH: { value: 'health', description: "The sentinel's own health (broker, store, verification)" },
    TEST: { value: 'test', description: 'A test alert sent with the testAlert mutation' },
  } as const,
});

const AlertDeliveryRef = builder.objectRef<AlertDelivery>('AlertDelivery').implement({
  description: 'One alert for one route, as the outbox keeps it: written with the change that caused it',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The route and the alert event: what a receiver sees as Idempotency-Key',
    }),
    route: t.exposeString('routeId', { description: 'The route id, as configured with --alert-route' }),
    state: t.expose('state', { type: AlertDeliveryStateEnum }),
    subject: t.field({ type: AlertSubjectEnum, resolve: (d) => d.alert.subject }),
    kind: t.field({ type: AlertKindEnum, resolve: (d) => d.alert.kind }),
    severity: t.field({ type: SeverityEnum, resolve: (d) => d.alert.severity }),
    summary: t.string({ resolve: (d) => d.alert.summary }),
    dedupKey: t.string({
      description:
        "The same for every alert of one subject (PagerDuty's dedup_key): the discrepancy id, or the health episode",
      resolve: (d) => d.alert.dedupKey,
    }),
    discrepancyId: t.string({
      nullable: true,
      resolve: (d) => (d.alert.subject === 'discrepancy' ? d.alert.discrepancy.id : null),
    }),
    attempts: t.exposeInt('attempts', { description: 'Requests made so far' }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the latest attempt failed, in words that name no secret and no address',
    }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: DateTimeScalar, nullable: true }),
    createdAt: t.expose('createdAt', { type: DateTimeScalar }),
    finishedAt: t.expose('finishedAt', {
      type: DateTimeScalar,
      nullable: true,
      description: 'When it was sent or given up',
    }),
  }),
});

const AlertDeliveryFilterInput = builder.inputType('AlertDeliveryFilter', {
  fields: (t) => ({
    route: t.string(),
    discrepancyId: t.string(),
    state: t.field({ type: [AlertDeliveryStateEnum] }),
  }),
});

builder.queryFields((t) => ({
  alertDeliveries: t.field({
    type: [AlertDeliveryRef],
    description: 'Alert deliveries, the newest first (a DEAD one is an alert nobody received)',
    args: {
      filter: t.arg({ type: AlertDeliveryFilterInput }),
      first: t.arg.int({ defaultValue: 100, description: 'At most this many (1 to 1,000)' }),
    },
    resolve: (_root, { filter, first }, ctx) => {
      const wanted: AlertDeliveryFilter = {
        routeId: filter?.route ?? undefined,
        dedupKey: filter?.discrepancyId ?? undefined,
        states: filter?.state ?? undefined,
        limit: first ?? undefined,
      };
      return ctx.api.alerts.deliveries(wanted);
    },
  }),
}));

builder.mutationFields((t) => ({
  testAlert: t.field({
    type: AlertDeliveryRef,
    description:
      'Sends a clearly marked test alert (INFO, "nothing is wrong") through one configured route, to check that it reaches someone. Returns its delivery; query alertDeliveries to see it sent',
    args: { route: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.api.alerts.sendTest(args.route),
  }),
}));
