import { isOpening, type PlannedDelivery } from '../../src/domain/alerts/alert-route.js';
import {
  type AlertDelivery,
  type AlertOutboxPort,
  deliveryId,
} from '../../src/domain/ports/alert-outbox-port.js';

interface Row {
  delivery: AlertDelivery;
  leasedUntil: number;
}

/**
 * The outbox port in memory, for unit tests of what sits on it (the worker, the planning). It has
 * no transactions: `tx` is nothing, and each call applies at once.
 */
export class InMemoryAlertOutbox implements AlertOutboxPort<void> {
  readonly #rows: Row[] = [];
  readonly #byId = new Map<string, Row>();

  async openedRoutes(dedupKeys: readonly string[]): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const wanted = new Set(dedupKeys);
    const out = new Map<string, Set<string>>();
    for (const { delivery } of this.#rows) {
      const key = delivery.alert.dedupKey;
      if (!wanted.has(key) || !isOpening(delivery.alert)) continue;
      const routes = out.get(key) ?? new Set<string>();
      routes.add(delivery.routeId);
      out.set(key, routes);
    }
    return out;
  }

  async enqueue(deliveries: readonly PlannedDelivery[], at: Date): Promise<void> {
    for (const { routeId, alert } of deliveries) {
      const id = deliveryId(routeId, alert.eventId);
      if (this.#byId.has(id)) continue;
      const row: Row = {
        delivery: {
          id,
          routeId,
          alert,
          state: 'PENDING',
          createdAt: at,
          attempts: 0,
          nextAttemptAt: at,
          lastError: null,
          finishedAt: null,
        },
        leasedUntil: 0,
      };
      this.#rows.push(row);
      this.#byId.set(id, row);
    }
  }

  async claimDue(
    routeId: string,
    now: Date,
    limit: number,
    leaseMs: number,
  ): Promise<readonly AlertDelivery[]> {
    const t = now.getTime();
    const blocked = new Set<string>();
    const claimed: AlertDelivery[] = [];
    for (const row of this.#rows) {
      const d = row.delivery;
      if (d.routeId !== routeId || d.state !== 'PENDING') continue;
      const subject = d.alert.dedupKey;
      if (blocked.has(subject)) continue;
      // The oldest unfinished delivery of a subject goes first; the later ones wait for it.
      blocked.add(subject);
      if (claimed.length >= limit || row.leasedUntil > t || (d.nextAttemptAt?.getTime() ?? 0) > t) continue;
      row.leasedUntil = t + leaseMs;
      claimed.push(d);
    }
    return claimed;
  }

  async markSent(id: string, at: Date): Promise<void> {
    this.#finish(id, { state: 'SENT', finishedAt: at, nextAttemptAt: null });
  }

  async markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
    this.#finish(id, { state: 'PENDING', nextAttemptAt, lastError: error });
  }

  async markDead(id: string, at: Date, error: string): Promise<void> {
    this.#finish(id, { state: 'DEAD', finishedAt: at, nextAttemptAt: null, lastError: error });
  }

  /** Every delivery in the order it was enqueued. */
  all(): readonly AlertDelivery[] {
    return this.#rows.map((r) => r.delivery);
  }

  #finish(id: string, change: Partial<AlertDelivery>): void {
    const row = this.#byId.get(id);
    if (!row) throw new Error(`no alert delivery ${id}`);
    // A delivery already sent or given up stays as it is: only a PENDING one has an attempt to record.
    if (row.delivery.state !== 'PENDING') return;
    row.delivery = { ...row.delivery, ...change, attempts: row.delivery.attempts + 1 };
    row.leasedUntil = 0;
  }
}
