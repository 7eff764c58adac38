import { describe, expect, it } from 'vitest';
import type { BrokerState } from '../../src/domain/ports/broker-port.js';
import { VerificationWatch } from '../../src/domain/reconciliation/verification-watch.js';
import type { ReconciliationRun } from '../../src/domain/reconciliation-run.js';
import { type Verification, verificationOf } from '../../src/domain/verification.js';
import { ManualClock } from '../support/manual-clock.js';

const INTERVAL = 60_000;
const T0 = new Date('2026-11-25T15:00:00Z');

function runAt(
  finishedAt: Date,
  status: ReconciliationRun['status'] = 'CLEAN',
  id = 'r-1',
): ReconciliationRun {
  return {
    id,
    trigger: 'SCHEDULED',
    status,
    startedAt: new Date(finishedAt.getTime() - 100),
    finishedAt,
    durationMs: 100,
    brokerPositionCount: 1,
    storePositionCount: 1,
    discrepancyIds: [],
    expiredCount: 0,
    deferredCount: 0,
    caughtUpCount: 0,
    loadedCount: 0,
    error: null,
    discrepancyCount: 0,
    criticalCount: 0,
    hasCriticalIssues: false,
    countsByType: [],
    summary: 'Broker: 1, Store: 1, Discrepancies: 0',
  };
}

const at = (ms: number) => new Date(T0.getTime() + ms);

describe('verification state', () => {
  it('is UNVERIFIED with a plain reason before any run compared', () => {
    expect(
      verificationOf({ latestComplete: null, brokerState: 'READY', intervalMs: INTERVAL, now: T0 }),
    ).toEqual({
      state: 'UNVERIFIED',
      reason: 'no run has compared the store with the broker yet',
      verifiedAt: null,
      run: null,
    });
  });

  it('is UNVERIFIED while the broker is not READY, however fresh the run', () => {
    const run = runAt(T0);
    for (const brokerState of ['DISCONNECTED', 'CONNECTING', 'CONNECTED'] as const) {
      const v = verificationOf({ latestComplete: run, brokerState, intervalMs: INTERVAL, now: T0 });
      expect(v).toEqual({ state: 'UNVERIFIED', reason: `broker ${brokerState}`, verifiedAt: T0, run });
    }
  });

  it('is VERIFIED while the run is younger than two intervals, STALE from then on', () => {
    const run = runAt(T0, 'DISCREPANCIES');
    const state = (ms: number) =>
      verificationOf({ latestComplete: run, brokerState: 'READY', intervalMs: INTERVAL, now: at(ms) }).state;
    expect(state(0)).toBe('VERIFIED');
    expect(state(2 * INTERVAL - 1)).toBe('VERIFIED');
    expect(state(2 * INTERVAL)).toBe('STALE');
    const stale = verificationOf({
      latestComplete: run,
      brokerState: 'READY',
      intervalMs: INTERVAL,
      now: at(3 * INTERVAL),
    });
    expect(stale.reason).toMatch(/older than two reconciliation intervals/);
    expect(stale.verifiedAt).toEqual(T0);
  });
});

describe('verification watch', () => {
  function watch(latest: ReconciliationRun | null = null) {
    const clock = new ManualClock(T0);
    let brokerState: BrokerState = 'DISCONNECTED';
    const brokerListeners = new Set<() => void>();
    const runListeners = new Set<(run: ReconciliationRun) => void>();
    const w = new VerificationWatch({
      clock,
      intervalMs: INTERVAL,
      brokerState: () => brokerState,
      onBrokerState: (l) => {
        brokerListeners.add(l);
        return () => brokerListeners.delete(l);
      },
      latestComplete: () => latest,
      onRun: (l) => {
        runListeners.add(l);
        return () => runListeners.delete(l);
      },
    });
    const seen: Verification[] = [];
    w.onChange((v) => seen.push(v));
    w.start();
    return {
      clock,
      w,
      seen,
      broker(state: BrokerState) {
        brokerState = state;
        for (const l of brokerListeners) l();
      },
      ran(run: ReconciliationRun) {
        for (const l of runListeners) l(run);
      },
    };
  }

  it('moves on broker states and runs, and ages into STALE on the clock without polling', () => {
    const h = watch();
    expect(h.w.current().state).toBe('UNVERIFIED');
    h.broker('READY');
    expect(h.seen.map((v) => v.reason)).toEqual(['no run has compared the store with the broker yet']);
    h.clock.advance(1000);
    h.ran(runAt(h.clock.now()));
    expect(h.w.current().state).toBe('VERIFIED');
    expect(h.clock.pendingCount).toBe(1);
    h.clock.advance(2 * INTERVAL - 1);
    expect(h.w.current().state).toBe('VERIFIED');
    h.clock.advance(1);
    expect(h.w.current().state).toBe('STALE');
    expect(h.seen.map((v) => v.state)).toEqual(['UNVERIFIED', 'VERIFIED', 'STALE']);
    expect(h.clock.pendingCount).toBe(0);
  });

  it('a run whose snapshot failed does not verify, and a later complete one moves the deadline', () => {
    const h = watch(runAt(T0));
    h.broker('READY');
    expect(h.w.current().state).toBe('VERIFIED');
    h.clock.advance(INTERVAL);
    h.ran(runAt(h.clock.now(), 'BROKER_UNAVAILABLE', 'r-2'));
    expect(h.w.current().run?.id).toBe('r-1');
    h.ran(runAt(h.clock.now(), 'CLEAN', 'r-3'));
    h.clock.advance(INTERVAL + 1);
    expect(h.w.current()).toMatchObject({ state: 'VERIFIED', run: { id: 'r-3' } });
    h.broker('DISCONNECTED');
    expect(h.w.current()).toMatchObject({ state: 'UNVERIFIED', reason: 'broker DISCONNECTED' });
    expect(h.clock.pendingCount).toBe(0);
    h.w.stop();
  });
});
