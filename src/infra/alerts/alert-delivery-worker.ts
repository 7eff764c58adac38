import { afterFailure, backoffDelay, type RetryPolicy } from '../../domain/alerts/retry-schedule.js';
import type { Cancel, Clock } from '../../domain/clock.js';
import type { AlertDelivery, AlertDeliveryQueue } from '../../domain/ports/alert-outbox-port.js';
import type { Logger } from '../logger.js';
import type { HttpSendOutcome } from './http-send.js';
import type { RouteSender } from './route-sender.js';

/** What became of one attempt, for metrics. */
export interface DeliveryAttempt {
  readonly routeId: string;
  readonly outcome: 'sent' | 'retry' | 'dead';
  /** From the delivery's creation to this attempt's end. */
  readonly ageMs: number;
  readonly attempts: number;
}

export interface AlertDeliveryWorkerOptions {
  readonly queue: AlertDeliveryQueue;
  /** One sender per configured route id. */
  readonly senders: ReadonlyMap<string, RouteSender>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logger: Logger;
  readonly policy: RetryPolicy;
  /** Requests in flight at once per route (each subject still one at a time; default 16). */
  readonly concurrency?: number;
  /** How often the outbox is asked for due deliveries when nothing wakes the worker. */
  readonly pollIntervalMs?: number;
  /** How long a claim holds; longer than a request's timeout. */
  readonly leaseMs?: number;
  readonly onAttempt?: (attempt: DeliveryAttempt) => void;
}

interface RouteState {
  readonly id: string;
  readonly send: RouteSender;
  inFlight: number;
  /** Failures in a row; attempts started before the latest failure do not add to it. */
  failures: number;
  lastFailureAt: number;
  pausedUntil: number;
}

/**
 * Sends what the outbox holds, route by route. A route whose receiver fails is paused with
 * exponential backoff (or for as long as its Retry-After asks), so a receiver that is down gets a
 * few requests per pause rather than one per alert; each delivery also backs off on its own attempts
 * and is given up (DEAD, logged at error level) once it is older than the policy's maximum age. A
 * subject's alerts reach a route in order because the outbox hands out only the oldest unfinished
 * one of each subject.
 */
export class AlertDeliveryWorker {
  readonly #o: AlertDeliveryWorkerOptions;
  readonly #routes: RouteState[];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stopping = new AbortController();
  readonly #concurrency: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  #ticking: Promise<void> | undefined;
  #again = false;
  #timer: Cancel | undefined;
  #started = false;

  constructor(options: AlertDeliveryWorkerOptions) {
    this.#o = options;
    this.#concurrency = options.concurrency ?? 16;
    this.#pollMs = options.pollIntervalMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#routes = [...options.senders].map(([id, send]) => ({
      id,
      send,
      inFlight: 0,
      failures: 0,
      lastFailureAt: Number.NEGATIVE_INFINITY,
      pausedUntil: Number.NEGATIVE_INFINITY,
    }));
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.wake();
  }

  /** Looks for due deliveries now (after an enqueue commits) instead of at the next poll. */
  wake(): void {
    if (!this.#started || this.#stopping.signal.aborted) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = undefined;
    });
  }

  /** Resolves once no look-up and no request is under way (what tests wait for between clock steps). */
  async settled(): Promise<void> {
    while (this.#ticking || this.#inFlight.size > 0) {
      await Promise.all([this.#ticking, ...this.#inFlight]);
    }
  }

  /**
   * Stops asking the outbox and aborts the requests in flight; each is recorded as a failed attempt
   * due again at once, so the next start sends it (a receiver may then see it twice, with the same
   * idempotency key).
   */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#timer?.();
    this.#timer = undefined;
    await this.settled();
  }

  async #tick(): Promise<void> {
    try {
      do {
        this.#again = false;
        for (const route of this.#routes) await this.#fill(route);
      } while (this.#again && !this.#stopping.signal.aborted);
    } catch (error) {
      this.#o.logger.error('alert delivery could not read the outbox; trying again', { error });
    }
    this.#timer?.();
    this.#timer = this.#stopping.signal.aborted
      ? undefined
      : this.#o.clock.schedule(this.#pollMs, () => this.wake());
  }

  async #fill(route: RouteState): Promise<void> {
    const now = this.#o.clock.now();
    const free = this.#concurrency - route.inFlight;
    if (free <= 0 || route.pausedUntil > now.getTime() || this.#stopping.signal.aborted) return;
    const claimed = await this.#o.queue.claimDue(route.id, now, free, this.#leaseMs);
    for (const delivery of claimed) this.#send(route, delivery);
  }

  #send(route: RouteState, delivery: AlertDelivery): void {
    route.inFlight++;
    const startedAt = this.#o.clock.now().getTime();
    const attempt = route
      .send(delivery.alert, this.#stopping.signal)
      .then((outcome) => this.#record(route, delivery, outcome, startedAt))
      .catch((error: unknown) => {
        // The outbox refused the outcome: the claim runs out and the delivery is sent again.
        this.#o.logger.error('alert delivery could not record an attempt', { route: route.id, error });
      })
      .finally(() => {
        route.inFlight--;
        this.#inFlight.delete(attempt);
        this.wake();
      });
    this.#inFlight.add(attempt);
  }

  async #record(
    route: RouteState,
    d: AlertDelivery,
    outcome: HttpSendOutcome,
    startedAt: number,
  ): Promise<void> {
    const { clock, queue, logger, policy } = this.#o;
    const now = clock.now();
    const attempts = d.attempts + 1;
    const fields = { route: route.id, event: d.alert.eventId, dedupKey: d.alert.dedupKey, attempts };
    const report = (result: DeliveryAttempt['outcome']) =>
      this.#o.onAttempt?.({
        routeId: route.id,
        outcome: result,
        ageMs: now.getTime() - d.createdAt.getTime(),
        attempts,
      });

    if (outcome.ok) {
      await queue.markSent(d.id, now);
      if (route.failures > 0)
        logger.info('alert route delivers again', { route: route.id, failures: route.failures });
      route.failures = 0;
      logger.debug('alert delivered', { ...fields, status: outcome.status });
      report('sent');
      return;
    }
    if (this.#stopping.signal.aborted) {
      await queue.markRetry(d.id, now, outcome.error);
      report('retry');
      return;
    }
    if (startedAt > route.lastFailureAt) {
      route.failures++;
      route.lastFailureAt = now.getTime();
      const pause = outcome.retryAfterMs ?? backoffDelay(route.failures, policy, this.#o.random);
      route.pausedUntil = Math.max(route.pausedUntil, now.getTime() + pause);
      if (route.failures === 1) {
        logger.warn('alert route failing; retrying with backoff', { route: route.id, error: outcome.error });
      }
    }
    const delay = outcome.retryAfterMs ?? backoffDelay(attempts, policy, this.#o.random);
    const decision = afterFailure(d.createdAt, now, delay, policy);
    if (decision.retry) {
      await queue.markRetry(d.id, decision.at, outcome.error);
      logger.debug('alert delivery failed; will retry', { ...fields, error: outcome.error, at: decision.at });
      report('retry');
    } else {
      await queue.markDead(d.id, now, outcome.error);
      logger.error('alert delivery given up', { ...fields, error: outcome.error, reason: decision.reason });
      report('dead');
    }
  }
}
