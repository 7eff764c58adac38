import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/domain/alerts/alert.js';
import type { AlertRoute } from '../../../src/domain/alerts/alert-route.js';
import { mismatchDiscrepancy, nakedDiscrepancy } from '../../support/discrepancies.js';
import { type HttpReceiver, useReceivers } from '../../support/http-receiver.js';
import { until } from '../../support/until.js';
import { alertFor, deliveryHarness, T0 } from './support/delivery-harness.js';

const SECRET = 'whsec-delivery-test-0001';
const receiver = useReceivers();

const webhookRoute: AlertRoute = {
  id: 'hook',
  channel: 'webhook',
  minSeverity: 'INFO',
  accounts: [],
  types: [],
};
const webhookTo = (r: HttpReceiver) => ({
  route: webhookRoute,
  target: { channel: 'webhook' as const, url: `${r.url}/hook`, secret: SECRET },
});

/** Three discrepancies with lives that interleave. */
function lives() {
  const a = nakedDiscrepancy({ id: 'd-a' });
  const b = mismatchDiscrepancy({ id: 'd-b' });
  const c = mismatchDiscrepancy({ id: 'd-c', conId: 9001 });
  const cRaised = { ...c, severity: 'CRITICAL' as const, brokerQuantity: -3 };
  return {
    atStart: [alertFor('OPENED', a), alertFor('OPENED', b)],
    after10s: [alertFor('ACKNOWLEDGED', { ...a, status: 'ACKNOWLEDGED' as const }, a)],
    after30s: [alertFor('OPENED', c), alertFor('RESOLVED', { ...b, status: 'RESOLVED' as const }, b)],
    after70s: [
      alertFor('RESOLVED', { ...a, status: 'RESOLVED' as const }, a),
      alertFor('UPDATED', cRaised, c),
    ],
  };
}

const since = (ms: number) => ms - T0.getTime();

describe('alert delivery over real HTTP', () => {
  it('a receiver answering 500 for a minute, then 429 with Retry-After, then 200 gets every alert, in order per discrepancy', async () => {
    let clockMs = () => 0;
    const answeredAt: { at: number; status: number }[] = [];
    let limited = 0;
    const r = await receiver(() => {
      const t = since(clockMs());
      // A minute of errors, then two requests told to wait 20 s, then all is well.
      const status = t < 60_000 ? 500 : limited++ < 2 ? 429 : 200;
      answeredAt.push({ at: t, status });
      if (status === 500) return { status, body: 'upstream down' };
      if (status === 429) return { status, headers: { 'retry-after': '20' }, body: 'slow down' };
      return { status, body: 'ok' };
    });
    const h = await deliveryHarness([webhookTo(r)]);
    clockMs = () => h.clock.now().getTime();
    const { atStart, after10s, after30s, after70s } = lives();
    const all: Alert[] = [...atStart, ...after10s, ...after30s, ...after70s];
    h.worker.start();

    await h.enqueue(atStart);
    await h.runFor(10_000);
    await h.enqueue(after10s);
    await h.runFor(20_000);
    await h.enqueue(after30s);
    await h.runFor(40_000);
    await h.enqueue(after70s);
    await h.runUntil(async () => (await h.deliveries()).every((d) => d.state !== 'PENDING'), 15 * 60_000);

    // Every alert arrived and the outbox says so.
    expect((await h.deliveries()).map((d) => d.state)).toEqual(all.map(() => 'SENT'));
    const accepted = r.accepted().map((x) => x.json.id);
    expect(new Set(accepted)).toEqual(new Set(all.map((a) => a.eventId)));
    // In order per discrepancy, counting every request made (not only those accepted).
    const order = new Map(all.map((a, i) => [a.eventId, i]));
    for (const key of ['d-a', 'd-b', 'd-c']) {
      const seen = r.requests
        .map((q) => JSON.parse(q.body) as { id: string; dedupKey: string })
        .filter((b) => b.dedupKey === key)
        .map((b) => order.get(b.id)!);
      expect(seen, key).toEqual([...seen].sort((x, y) => x - y));
    }
    // Retry-After was honoured: no request started within 20 s after a 429 (those already in
    // flight beside it arrive at the same instant).
    for (const limit of answeredAt.filter((a) => a.status === 429)) {
      const early = answeredAt.filter((a) => a.at > limit.at && a.at < limit.at + 20_000);
      expect(early).toEqual([]);
    }
    expect(answeredAt.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(answeredAt.filter((a) => a.status === 429)).toHaveLength(2);
    // The outage was logged once, and its end.
    expect(h.logged('warn').map((l) => l.msg)).toEqual(['alert route failing; retrying with backoff']);
    expect(h.logged('info').map((l) => l.msg)).toEqual(['alert route delivers again']);
    expect(h.logged('error')).toEqual([]);
  });

  it('waits as long as a 429 asks with Retry-After, in seconds or as a date, then sends', async () => {
    for (const retryAfter of ['120', new Date(T0.getTime() + 120_000).toUTCString()]) {
      let clockMs = () => 0;
      const arrivals: number[] = [];
      const r = await receiver(() => {
        arrivals.push(since(clockMs()));
        return arrivals.length === 1
          ? { status: 429, headers: { 'retry-after': retryAfter } }
          : { status: 200 };
      });
      const h = await deliveryHarness([webhookTo(r)]);
      clockMs = () => h.clock.now().getTime();
      h.worker.start();
      await h.enqueue([alertFor('OPENED', nakedDiscrepancy()), alertFor('OPENED', mismatchDiscrepancy())]);
      await h.runFor(119_000);
      expect(
        arrivals.every((t) => t === 0),
        retryAfter,
      ).toBe(true);
      await h.runFor(2000);
      expect(r.accepted(), retryAfter).toHaveLength(2);
      expect(arrivals.filter((t) => t > 0).every((t) => t >= 120_000)).toBe(true);
      await h.worker.stop();
    }
  });

  it('a receiver that is down gets a few requests per pause, not one per alert', async () => {
    let up = false;
    const r = await receiver(() => (up ? { status: 200 } : { status: 503, body: 'maintenance' }));
    const h = await deliveryHarness([webhookTo(r)]);
    h.worker.start();
    const many = Array.from({ length: 40 }, (_, i) => alertFor('OPENED', nakedDiscrepancy({ id: `d-${i}` })));
    await h.enqueue(many);
    await h.runFor(5 * 60_000);
    // Four in flight at most per round, and the pause grows: far fewer requests than 40 alerts × retries.
    expect(r.requests.length).toBeLessThan(60);
    up = true;
    await h.runUntil(async () => (await h.deliveries()).every((d) => d.state === 'SENT'), 10 * 60_000);
    expect(new Set(r.accepted().map((x) => x.json.id)).size).toBe(40);
  });

  it('gives up a delivery past the maximum age, logs it at error level, and lets its discrepancy move on', async () => {
    const a = nakedDiscrepancy({ id: 'd-a' });
    const b = mismatchDiscrepancy({ id: 'd-b' });
    const poisoned = alertFor('OPENED', a);
    const r = await receiver((q) =>
      q.headers['idempotency-key'] === poisoned.eventId
        ? { status: 500, body: 'cannot take this one' }
        : { status: 200 },
    );
    const h = await deliveryHarness([webhookTo(r)], {
      policy: { initialDelayMs: 1000, maxDelayMs: 60_000, maxAgeMs: 5 * 60_000, jitter: 0.2 },
    });
    h.worker.start();
    const resolvedA = alertFor('RESOLVED', { ...a, status: 'RESOLVED' as const }, a);
    await h.enqueue([poisoned, resolvedA, alertFor('OPENED', b)]);
    // Another discrepancy is not held up by the failing one.
    expect(r.accepted().map((x) => x.json.dedupKey)).toEqual(['d-b']);
    await h.runFor(8 * 60_000);

    const dead = (await h.deliveries()).find((d) => d.alert.eventId === poisoned.eventId)!;
    expect(dead).toMatchObject({ state: 'DEAD', lastError: 'HTTP 500: cannot take this one' });
    // Given up at the first failure at or past its deadline (the route's own pause may push it a little).
    const deadline = T0.getTime() + 5 * 60_000;
    expect(dead.finishedAt!.getTime()).toBeGreaterThanOrEqual(deadline);
    expect(dead.finishedAt!.getTime()).toBeLessThan(deadline + 60_000);
    const errors = h.logged('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: 'alert delivery given up',
      route: 'hook',
      event: poisoned.eventId,
      dedupKey: 'd-a',
      error: 'HTTP 500: cannot take this one',
    });
    // The resolution followed once the opening was given up, not before.
    expect(r.accepted().map((x) => x.json.id)).toEqual([expect.any(String), resolvedA.eventId]);
    // Backed off: a handful of attempts in five minutes, not one a second.
    expect(dead.attempts).toBeGreaterThan(4);
    expect(dead.attempts).toBeLessThan(15);
    expect(h.attempts.filter((x) => x.outcome === 'dead')).toEqual([
      {
        routeId: 'hook',
        outcome: 'dead',
        ageMs: dead.finishedAt!.getTime() - T0.getTime(),
        attempts: dead.attempts,
      },
    ]);
  });

  it('a request with no answer times out on the clock and is sent again with the same key', async () => {
    let answered = 0;
    const r = await receiver(() => (answered++ === 0 ? 'no answer' : { status: 200 }));
    const h = await deliveryHarness([webhookTo(r)], { timeoutMs: 10_000 });
    h.worker.start();
    const alert = alertFor('OPENED', nakedDiscrepancy());
    await enqueueWithoutWaiting(h, [alert]);
    await until(() => r.requests.length === 1, 'the first request');
    h.clock.advance(10_000);
    await h.worker.settled();
    expect((await h.deliveries())[0]).toMatchObject({
      state: 'PENDING',
      lastError: 'no answer within 10000 ms',
    });
    await h.runUntil(async () => (await h.deliveries())[0]?.state === 'SENT', 60_000);
    expect(r.requests.map((q) => q.headers['idempotency-key'])).toEqual([alert.eventId, alert.eventId]);
  });

  it('stop aborts a request in flight and leaves the delivery due at once for the next start', async () => {
    const r = await receiver(() => 'no answer');
    const h = await deliveryHarness([webhookTo(r)]);
    h.worker.start();
    await enqueueWithoutWaiting(h, [alertFor('OPENED', nakedDiscrepancy())]);
    await until(() => r.requests.length === 1, 'the request');
    await h.worker.stop();
    expect((await h.deliveries())[0]).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      nextAttemptAt: h.clock.now(),
      lastError: 'stopped before an answer came',
    });
    expect(h.clock.pendingCount).toBe(0);
  });
});

async function enqueueWithoutWaiting(
  h: Awaited<ReturnType<typeof deliveryHarness>>,
  alerts: readonly Alert[],
) {
  await h.outbox.transaction((tx) =>
    h.outbox.enqueue(
      alerts.map((alert) => ({ routeId: 'hook', alert })),
      h.clock.now(),
      tx,
    ),
  );
  h.worker.wake();
}
