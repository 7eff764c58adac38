import type { BrokerView } from '../broker-view.js';
import type { CatchUp } from '../catch-up.js';
import type { Clock } from '../clock.js';
import { type Discrepancy, discrepancyKeyId } from '../discrepancy.js';
import type { DiscrepancyEvent, RecordedDiscrepancyEvent } from '../discrepancy-event.js';
import {
  afterTransition,
  applyCatchUps,
  applyDetected,
  type DiscrepancyTransition,
} from '../discrepancy-lifecycle.js';
import { BrokerUnavailableError, DomainError } from '../errors.js';
import type { BrokerPort } from '../ports/broker-port.js';
import type { PositionStorePort } from '../ports/position-store-port.js';
import type { ReconciliationLedgerPort } from '../ports/reconciliation-ledger-port.js';
import { keyId } from '../position.js';
import { type ReconcileOutcome, type ReconcileRules, reconcile } from '../reconcile.js';
import type { ReconciliationRun, ReconciliationTrigger } from '../reconciliation-run.js';
import { summarize } from '../reconciliation-summary.js';
import type { KeyVerification } from '../verification.js';
import { expiryRow, healingRow } from './corrective-rows.js';
import type { SerialLock } from './serial-lock.js';

export interface RunDependencies {
  readonly broker: BrokerPort;
  readonly positions: PositionStorePort;
  readonly ledger: ReconciliationLedgerPort;
  readonly clock: Clock;
  readonly rules: ReconcileRules;
  readonly heal: boolean;
  /** Whether the run closes expired options with an EXPIRY row (default true). */
  readonly closeExpired?: boolean | undefined;
  readonly newId: () => string;
  /** Serializes every change to discrepancies (runs and people). */
  readonly discrepancyLock: SerialLock;
  /** Settles with a reason when the run must stop waiting for the broker (the service stops). */
  readonly interrupted?: Promise<string> | undefined;
  /**
   * The catch-ups this run records (STARTUP and RECONNECT runs): awaited under the lock before the
   * store is read, so the starting list's rows are in the book the run compares.
   */
  readonly catchUps?: (() => Promise<readonly CatchUp[]>) | undefined;
}

export interface RunResult {
  readonly run: ReconciliationRun;
  readonly events: readonly RecordedDiscrepancyEvent[];
  /** The keys the run verified (none unless its snapshot completed). */
  readonly verified?: readonly KeyVerification[];
}

const HEALED_NOTE = 'healed: the store took the broker snapshot';

/**
 * One reconciliation run (docs/reconciliation-rules.md §9): a complete broker snapshot, then the
 * store's book (buffer included, read second so that everything streamed before the snapshot
 * ended is in it), the rules, the corrective rows, and the run with its discrepancy changes
 * persisted in one transaction.
 *
 * Everything after the snapshot holds the discrepancy lock: a person resolving a discrepancy writes
 * a MANUAL row first, and a run that read the store before that row but judged after it would
 * open the discrepancy again.
 */
export async function executeRun(
  deps: RunDependencies,
  trigger: ReconciliationTrigger,
  streamActivity: () => ReadonlyMap<string, Date>,
): Promise<RunResult> {
  const id = deps.newId();
  const startedAt = deps.clock.now();
  const broker = await brokerView(deps.broker, deps.interrupted);
  return deps.discrepancyLock.run(async () => {
    const catchUps = (await deps.catchUps?.()) ?? [];
    const store = await deps.positions.currentBook();
    const outcome = reconcile(
      {
        broker,
        store,
        now: deps.clock.now(),
        streamActivity: streamActivity(),
        portfolioAccount: deps.broker.portfolioAccount(),
      },
      deps.rules,
    );

    const active = await deps.ledger.activeDiscrepancies();
    const caughtUp = applyCatchUps(
      active,
      catchUps.flatMap((c) => c.changed),
      deps.clock.now(),
      deps.newId,
    );
    const counts = {
      caughtUpCount: caughtUp.changed.length,
      loadedCount: catchUps.reduce((n, c) => n + c.loadedCount, 0),
    };

    if (outcome.status === 'BROKER_UNAVAILABLE' || !broker.complete) {
      // An unavailable broker proves nothing: other discrepancies stay exactly as they were. What the
      // catch-ups changed is recorded all the same: it comes from a complete starting list.
      const ids = caughtUp.changed.map((i) => i.id);
      const run = record(id, trigger, startedAt, deps.clock.now(), outcome, ids, counts);
      const recorded = await deps.ledger.recordRun({ ...caughtUp, run, verified: [] });
      return { run, events: recorded };
    }

    const closedAt = deps.clock.now();
    const expired = deps.closeExpired === false ? [] : outcome.expired;
    const corrective = expired.map((p) => expiryRow(p, closedAt, () => deps.positions.nextSequence()));
    const healed = deps.heal ? healingRows(deps, id, outcome, broker, closedAt) : [];
    if (corrective.length + healed.length > 0) await deps.positions.append([...corrective, ...healed]);

    const finishedAt = deps.clock.now();
    const stillActive = afterTransition(active, caughtUp);
    const transition = applyDetected(stillActive, outcome.detected, outcome.deferred, finishedAt, deps.newId);
    const healedRun = resolveHealed(transition, new Set(healed.map((u) => keyId(u))), finishedAt);
    const byKey = new Map<string, Discrepancy>(stillActive.map((i) => [discrepancyKeyId(i), i]));
    for (const discrepancy of transition.changed) byKey.set(discrepancyKeyId(discrepancy), discrepancy);
    const discrepancyIds = [
      ...caughtUp.changed.map((i) => i.id),
      ...outcome.detected.flatMap((f) => byKey.get(discrepancyKeyId(f))?.id ?? []),
    ];
    const run = record(id, trigger, startedAt, finishedAt, outcome, discrepancyIds, counts);
    const verified: KeyVerification[] = outcome.agreed.map((k) => ({
      account: k.account,
      conId: k.conId,
      verifiedAt: finishedAt,
      runId: id,
    }));
    const recorded = await deps.ledger.recordRun({
      run,
      // A key both caught up and found again: its latest state is the run's.
      changed: [...caughtUp.changed, ...healedRun.changed],
      events: [...caughtUp.events, ...healedRun.events],
      verified,
    });
    return { run, events: recorded, verified };
  });
}

/** Discrepancies of keys the run healed are resolved by it, with a note saying how. */
function resolveHealed(
  transition: DiscrepancyTransition,
  healedKeys: ReadonlySet<string>,
  at: Date,
): { changed: Discrepancy[]; events: DiscrepancyEvent[] } {
  const changed: Discrepancy[] = [];
  const events: DiscrepancyEvent[] = [...transition.events];
  for (const discrepancy of transition.changed) {
    const healable = discrepancy.type === 'MISSING_FROM_STORE' || discrepancy.type === 'POSITION_MISMATCH';
    if (!healable || discrepancy.status === 'RESOLVED' || !healedKeys.has(keyId(discrepancy))) {
      changed.push(discrepancy);
      continue;
    }
    const resolved: Discrepancy = { ...discrepancy, status: 'RESOLVED', resolvedAt: at, note: HEALED_NOTE };
    changed.push(resolved);
    events.push({ kind: 'RESOLVED', discrepancy: resolved, at });
  }
  return { changed, events };
}

/** The record of a run that could not complete because something unexpected failed. */
export function failedRun(
  id: string,
  trigger: ReconciliationTrigger,
  startedAt: Date,
  finishedAt: Date,
  error: unknown,
): ReconciliationRun {
  // Domain errors are written for people; anything else stays in the log, not in the API.
  const message = error instanceof DomainError ? error.message : 'internal error; see the service log';
  return {
    id,
    trigger,
    status: 'FAILED',
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    brokerPositionCount: 0,
    storePositionCount: 0,
    discrepancyIds: [],
    expiredCount: 0,
    deferredCount: 0,
    caughtUpCount: 0,
    loadedCount: 0,
    error: message,
    ...summarize('FAILED', 0, 0, [], message),
  };
}

async function brokerView(broker: BrokerPort, interrupted: Promise<string> | undefined): Promise<BrokerView> {
  try {
    const snapshot = broker.snapshot().then((s): BrokerView => ({ complete: true, ...s }));
    if (interrupted === undefined) return await snapshot;
    const gaveUp = interrupted.then((reason): BrokerView => ({ complete: false, reason }));
    return await Promise.race([snapshot, gaveUp]);
  } catch (error) {
    if (error instanceof BrokerUnavailableError) return { complete: false, reason: error.message };
    throw error;
  }
}

function healingRows(
  deps: RunDependencies,
  runId: string,
  outcome: ReconcileOutcome,
  broker: Extract<BrokerView, { complete: true }>,
  at: Date,
) {
  const healable = new Set(
    outcome.detected
      .filter((f) => f.type === 'MISSING_FROM_STORE' || f.type === 'POSITION_MISMATCH')
      .map(keyId),
  );
  return broker.positions
    .filter((p) => healable.has(keyId(p)))
    .map((p) => healingRow(p, runId, at, () => deps.positions.nextSequence()));
}

function record(
  id: string,
  trigger: ReconciliationTrigger,
  startedAt: Date,
  finishedAt: Date,
  outcome: ReconcileOutcome,
  discrepancyIds: readonly string[],
  counts: { readonly caughtUpCount: number; readonly loadedCount: number },
): ReconciliationRun {
  return {
    id,
    trigger,
    status: outcome.status,
    startedAt,
    finishedAt,
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    brokerPositionCount: outcome.brokerPositionCount,
    storePositionCount: outcome.storePositionCount,
    discrepancyIds,
    expiredCount: outcome.expired.length,
    deferredCount: outcome.deferred.length,
    ...counts,
    error: outcome.unavailableReason ?? null,
    discrepancyCount: outcome.discrepancyCount,
    criticalCount: outcome.criticalCount,
    hasCriticalIssues: outcome.hasCriticalIssues,
    countsByType: outcome.countsByType,
    summary: outcome.summary,
  };
}
