import type { Alert } from '../alerts/alert.js';
import type { PlannedDelivery } from '../alerts/alert-route.js';

/** PENDING until it reaches the receiver (SENT) or is given up (DEAD). */
export type AlertDeliveryState = 'PENDING' | 'SENT' | 'DEAD';

/** One alert for one route, as the outbox keeps it. */
export interface AlertDelivery {
  /** `<routeId>/<eventId>`: the same alert planned twice for a route is stored once. */
  readonly id: string;
  readonly routeId: string;
  readonly alert: Alert;
  readonly state: AlertDeliveryState;
  readonly createdAt: Date;
  /** Requests made so far. */
  readonly attempts: number;
  /** When a PENDING delivery is due next; null once finished. */
  readonly nextAttemptAt: Date | null;
  /** Why the latest attempt failed, in words safe to show (no secret, no address). */
  readonly lastError: string | null;
  /** When it was sent or given up. */
  readonly finishedAt: Date | null;
}

/** Which deliveries a reader wants; every field left out lets everything through. */
export interface AlertDeliveryFilter {
  readonly id?: string | undefined;
  readonly routeId?: string | undefined;
  /** The subject: a discrepancy id, a health episode's key. */
  readonly dedupKey?: string | undefined;
  readonly states?: readonly AlertDeliveryState[] | undefined;
  /** At most this many, the newest first (default 100, at most 1,000). */
  readonly limit?: number | undefined;
}

export function deliveryId(routeId: string, eventId: string): string {
  return `${routeId}/${eventId}`;
}

/**
 * The writing side of the outbox, for whoever records the change that causes alerts: it writes them
 * in its own transaction `tx`, so an alert exists exactly when its change does (a crash between the
 * two can neither lose one nor send one for a change that was rolled back).
 */
export interface AlertOutboxWriter<Tx> {
  /** For each dedup key, the routes that already took an opening alert of that subject, in any state. */
  openedRoutes(dedupKeys: readonly string[], tx: Tx): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** Stores the deliveries as PENDING, due at `at`, in their order; an id already stored is kept as it is. */
  enqueue(deliveries: readonly PlannedDelivery[], at: Date, tx: Tx): Promise<void>;
}

/** The sending side of the outbox, for the delivery worker. */
export interface AlertDeliveryQueue {
  /**
   * Up to `limit` PENDING deliveries of the route, oldest first, that are due at `now`, not claimed
   * by an earlier call whose lease still runs, and whose earlier deliveries of the same subject on
   * the route are all finished: a subject's alerts reach a route in order. Each one returned is
   * claimed until `now + leaseMs`; a claim that is never marked (the process died) runs out and the
   * delivery is due again.
   */
  claimDue(routeId: string, now: Date, limit: number, leaseMs: number): Promise<readonly AlertDelivery[]>;
  /** The receiver took it. */
  markSent(id: string, at: Date): Promise<void>;
  /** The attempt failed; due again at `nextAttemptAt`. */
  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  /** The attempt failed and the delivery is given up. */
  markDead(id: string, at: Date, error: string): Promise<void>;
}

/** Both sides, as one store provides them. */
export interface AlertOutboxPort<Tx> extends AlertOutboxWriter<Tx>, AlertDeliveryQueue {}
