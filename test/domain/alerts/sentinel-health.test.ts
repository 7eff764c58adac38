import { describe, expect, it } from 'vitest';
import type { HealthAlert } from '../../../src/domain/alerts/alert.js';
import { SentinelHealth } from '../../../src/domain/alerts/sentinel-health.js';
import { ManualClock } from '../../support/manual-clock.js';

const GRACE = 120_000;
const INTERVAL = 300_000;

function watch() {
  const clock = new ManualClock('2026-11-25T15:00:00Z');
  const alerts: HealthAlert[] = [];
  const health = new SentinelHealth({
    clock,
    graceMs: GRACE,
    reconcileIntervalMs: INTERVAL,
    onAlert: (a) => alerts.push(a),
  });
  const seen = () => alerts.map((a) => `${a.condition} ${a.kind}`);
  return { clock, health, alerts, seen };
}

const verified = (clock: ManualClock) => ({ status: 'CLEAN' as const, finishedAt: clock.now() });

describe("the sentinel's own health", () => {
  it('a broker unavailable for less than the grace period alerts nobody', () => {
    const { clock, health, seen } = watch();
    health.observeBroker('READY');
    clock.advance(60_000);
    health.observeBroker('DISCONNECTED');
    clock.advance(GRACE - 1);
    health.observeBroker('CONNECTING');
    health.observeBroker('READY');
    clock.advance(GRACE * 3);
    expect(seen()).toEqual([]);
  });

  it('a broker unavailable past the grace period opens an alert; READY resolves it', () => {
    const { clock, health, alerts, seen } = watch();
    health.observeBroker('READY');
    clock.advance(60_000);
    health.observeBroker('DISCONNECTED');
    const lostAt = clock.now();
    health.observeBroker('CONNECTING'); // still unavailable: the outage keeps its first instant
    clock.advance(GRACE);
    expect(seen()).toEqual(['BROKER_UNAVAILABLE OPENED']);
    expect(alerts[0]).toMatchObject({ since: lostAt, severity: 'WARNING', at: clock.now() });
    clock.advance(30_000);
    health.observeBroker('READY');
    expect(seen()).toEqual(['BROKER_UNAVAILABLE OPENED', 'BROKER_UNAVAILABLE RESOLVED']);
    expect(alerts[1]?.dedupKey).toBe(alerts[0]?.dedupKey);
    health.observeBroker('READY');
    expect(alerts).toHaveLength(2);
  });

  it('a broker that never becomes READY after start alerts once the grace period is over', () => {
    const { clock, health, seen } = watch();
    health.observeBroker('CONNECTING');
    clock.advance(GRACE);
    expect(seen()).toEqual(['BROKER_UNAVAILABLE OPENED']);
  });

  it('store writes failing past the grace period open an alert; a successful write resolves it', () => {
    const { clock, health, seen } = watch();
    health.observeBroker('READY');
    health.observeStoreWrite(false);
    clock.advance(GRACE / 2);
    health.observeStoreWrite(false);
    clock.advance(GRACE / 2);
    expect(seen()).toEqual(['STORE_WRITES_FAILING OPENED']);
    health.observeStoreWrite(true);
    expect(seen()).toEqual(['STORE_WRITES_FAILING OPENED', 'STORE_WRITES_FAILING RESOLVED']);
  });

  it('no verified run for two intervals opens an alert; the next verified run resolves it', () => {
    const { clock, health, seen } = watch();
    health.observeBroker('READY');
    clock.advance(10_000);
    health.observeRun(verified(clock));
    clock.advance(INTERVAL);
    health.observeRun({ status: 'BROKER_UNAVAILABLE', finishedAt: clock.now() });
    clock.advance(INTERVAL - 1);
    expect(seen()).toEqual([]);
    clock.advance(1);
    expect(seen()).toEqual(['NO_VERIFIED_RUN OPENED']);
    health.observeRun({ status: 'FAILED', finishedAt: clock.now() });
    health.observeRun({ status: 'DISCREPANCIES', finishedAt: clock.now() });
    expect(seen()).toEqual(['NO_VERIFIED_RUN OPENED', 'NO_VERIFIED_RUN RESOLVED']);
    // The count starts again from that run.
    clock.advance(2 * INTERVAL - 1);
    expect(seen()).toHaveLength(2);
    clock.advance(1);
    expect(seen()).toEqual(['NO_VERIFIED_RUN OPENED', 'NO_VERIFIED_RUN RESOLVED', 'NO_VERIFIED_RUN OPENED']);
  });

  it('a sentinel that never completes a run alerts two intervals after it started', () => {
    const { clock, health, seen } = watch();
    health.observeBroker('READY');
    clock.advance(2 * INTERVAL);
    expect(seen()).toEqual(['NO_VERIFIED_RUN OPENED']);
  });

  it('an episode left open by a previous process is resolved, not opened again', () => {
    const { clock, health, alerts, seen } = watch();
    const since = new Date('2026-11-25T14:00:00Z');
    health.adopt('BROKER_UNAVAILABLE', since);
    clock.advance(GRACE * 2);
    expect(seen()).toEqual([]);
    health.observeBroker('READY');
    expect(seen()).toEqual(['BROKER_UNAVAILABLE RESOLVED']);
    expect(alerts[0]?.dedupKey).toBe(`health:BROKER_UNAVAILABLE:${since.getTime()}`);
  });

  it('stop cancels every timer', () => {
    const { clock, health, seen } = watch();
    health.observeStoreWrite(false);
    health.stop();
    expect(clock.pendingCount).toBe(0);
    clock.advance(10 * INTERVAL);
    expect(seen()).toEqual([]);
  });
});
