import type { RecordedDiscrepancyEvent } from '../domain/discrepancy-event.js';
import {
  ACTIVE_STATUSES,
  type DiscrepancyFilter,
  matchesDiscrepancyFilter,
} from '../domain/discrepancy-filter.js';
import { BrokerUnavailableError } from '../domain/errors.js';
import { filterIterator } from '../domain/filter-iterator.js';
import type { Position } from '../domain/position.js';
import type { PositionFilter } from '../domain/position-filter.js';
import type { ReconciliationService } from '../domain/reconciliation/reconciliation-service.js';
import { resumeThenLive } from '../domain/resumable-stream.js';
import type { SentinelApi } from '../domain/sentinel-api.js';
import type { SystemStatus } from '../domain/system-status.js';
import { latestDiscrepancyEventSequence } from '../infra/duckdb/latest-discrepancy-event.js';
import type { DuckDbStore } from '../infra/duckdb/open-store.js';
import { MAX_PAGE_SIZE } from '../infra/duckdb/page-request.js';
import type { PositionWriter } from '../infra/duckdb/position-writer.js';
import type { IbAdapter } from '../infra/ib/ib-adapter.js';
import type { Alerting } from './alerting.js';
import { trackCursor } from './cursor-tracking.js';
import { exportPositions } from './position-export.js';
import type { SubscriptionMeter } from './subscription-meter.js';

export interface SentinelApiParts {
  readonly store: DuckDbStore;
  readonly writer: PositionWriter;
  readonly broker: IbAdapter;
  readonly reconciliation: ReconciliationService;
  readonly status: () => SystemStatus;
  readonly statusChanges: () => AsyncIterableIterator<SystemStatus>;
  readonly subscriptions: SubscriptionMeter;
  readonly alerting: Alerting;
}

/** The application behind the schema: each operation is one call into the part that owns it. */
export function createSentinelApi(parts: SentinelApiParts): SentinelApi {
  const ledger = parts.store.ledger;
  const meter = parts.subscriptions;
  return {
    positions: {
      book: async (filter) => parts.writer.readModel.positions(filter),
      position: async (key) => parts.writer.readModel.position(key),
      asOf: (at, filter) => parts.writer.readModel.positionsAsOf(at, filter),
      history: (key, page) => parts.writer.readModel.history(key, page),
      verifiedAt: (key) => parts.reconciliation.verificationOf(key)?.verifiedAt ?? null,
      // The writer's stream carries closes whatever the filter says: a close is the change.
      follow: (after, filter, cursor) =>
        meter.track(
          trackCursor(
            cursor,
            parts.writer.readModel.follow({ after, filter, replayOnly: cursor?.replayOnly }),
            (e) => e.sequence,
          ),
        ),
    },
    broker: {
      book: (filter) => liveBrokerBook(parts.broker, filter),
    },
    discrepancies: {
      list: (filter) => ledger.discrepancies(withDefaultStatus(filter)),
      listWithCursor: async (filter) => {
        // The cursor first: an event recorded between the two reads is then replayed to the
        // follower (whose state it only confirms), instead of falling between list and stream.
        const cursor = await latestDiscrepancyEventSequence(parts.store);
        return { cursor, discrepancies: await ledger.discrepancies(withDefaultStatus(filter)) };
      },
      get: (id) => ledger.discrepancy(id),
      activeOf: (key) => parts.reconciliation.openDiscrepancyOf(key) ?? null,
      acknowledge: (id, note) => parts.reconciliation.acknowledge(id, note),
      resolve: (id, note) => parts.reconciliation.resolve(id, note),
      follow: (after, filter, cursor) =>
        meter.track(
          trackCursor(
            cursor,
            followDiscrepancyEvents(parts, after, filter, cursor?.replayOnly),
            (e) => e.sequence,
          ),
        ),
    },
    reconciliation: {
      reconcile: () => parts.reconciliation.reconcile('MANUAL'),
      run: (id) => ledger.run(id),
      runs: (page) => ledger.runs(page),
      latest: () => ledger.latestRun(),
      discrepanciesOf: (run) => ledger.discrepanciesOfRun(run.id),
      completed: () => meter.track(parts.reconciliation.runs()),
    },
    system: {
      status: parts.status,
      changes: () => meter.track(parts.statusChanges()),
    },
    alerts: {
      deliveries: (filter) => parts.alerting.deliveries(filter),
      sendTest: (routeId) => parts.alerting.sendTestAlert(routeId),
    },
    exports: {
      parquet: (request) => exportPositions(parts.store, request),
    },
  };
}

/**
 * The broker's book is only worth showing while the broker is READY: during an outage it is the
 * last thing the broker said, and a trader must not mistake that for what is held now.
 */
function liveBrokerBook(broker: IbAdapter, filter: PositionFilter): readonly Position[] {
  if (broker.state !== 'READY') {
    throw new BrokerUnavailableError(
      `the broker is ${broker.state}: its book is not live; ask again once status.broker.state is READY`,
    );
  }
  return broker.book(filter);
}

function withDefaultStatus(filter: DiscrepancyFilter): DiscrepancyFilter {
  return filter.status && filter.status.length > 0 ? filter : { ...filter, status: ACTIVE_STATUSES };
}

/**
 * Every discrepancy event after `after`, then live. Without a status filter a subscriber gets every
 * event, resolutions included: a dashboard needs to know when a row leaves.
 */
function followDiscrepancyEvents(
  parts: SentinelApiParts,
  after: number | undefined,
  filter: DiscrepancyFilter,
  replayOnly = false,
): AsyncIterableIterator<RecordedDiscrepancyEvent> {
  const events = resumeThenLive<RecordedDiscrepancyEvent>({
    after,
    replayOnly,
    sequenceOf: (event) => event.sequence,
    replay: (from) => parts.store.ledger.discrepancyEventsAfter(from, MAX_PAGE_SIZE),
    subscribe: (listener) => parts.reconciliation.onDiscrepancyEvent(listener),
  });
  const matching: DiscrepancyFilter =
    filter.status && filter.status.length > 0
      ? filter
      : { ...filter, status: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] };
  return filterIterator(events, (event) => matchesDiscrepancyFilter(event.discrepancy, matching));
}
