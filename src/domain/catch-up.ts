import { describeContract } from './contract.js';
import type { DetectedDiscrepancy } from './discrepancy.js';
import { keyId, type Position } from './position.js';
import type { PositionUpdate } from './position-update.js';
import { type ReconcileRules, reconcile } from './reconcile.js';

/** Why the feed sent its starting list: the service started, it reconnected, or TWS lost data (1101). */
export type StartingListCause = 'start' | 'reconnect' | 'resubscription';

/**
 * The feed's starting list (docs/reconciliation-rules.md §12): every row of the reqPositions answer
 * up to its positionEnd, delivered as one item on the feed's ordered stream.
 */
export interface StartingList {
  readonly cause: StartingListCause;
  /** When its end marker arrived. */
  readonly receivedAt: Date;
  /** The rows, stamped for the store (source SNAPSHOT). */
  readonly rows: readonly PositionUpdate[];
}

/** One key the starting list changed: what the store held (and since when), what the broker holds. */
export interface CaughtUpKey extends DetectedDiscrepancy {
  readonly caughtUpAt: Date;
  /** The plain account of what happened, kept as the discrepancy's note. */
  readonly note: string;
}

/** What comparing one starting list with the store as it was found. */
export interface CatchUp {
  readonly cause: StartingListCause;
  readonly at: Date;
  readonly rowCount: number;
  readonly changed: readonly CaughtUpKey[];
  /** Rows of accounts the store held nothing for: loaded, not compared (a new store or account). */
  readonly loadedCount: number;
  readonly loadedAccounts: readonly string[];
}

const CAUSE_WORDS: Record<StartingListCause, string> = {
  start: 'start',
  reconnect: 'reconnect',
  resubscription: 'TWS reported data lost (1101)',
};

/**
 * Compares a starting list with the store's book as it was before the list is applied. Only the
 * keys the list holds are judged (a key it does not hold is not touched: a naked position stays
 * open for the run to find), by the same rules as a run (§4), without the quiet window (nothing
 * live is judged) and without STALE_DATA (agreement is not a catch-up). An account the store holds
 * no row for at all is loaded, not compared: every first start would otherwise be a wall of
 * MISSING_FROM_STORE.
 */
export function compareStartingList(
  list: StartingList,
  book: readonly Position[],
  rules: ReconcileRules,
): CatchUp {
  const knownAccounts = new Set(book.map((p) => p.account));
  const listed = new Set(list.rows.filter((r) => knownAccounts.has(r.account)).map((r) => keyId(r)));
  const loaded = list.rows.filter((r) => !knownAccounts.has(r.account));
  const storeRows = new Map(book.filter((p) => listed.has(keyId(p))).map((p) => [keyId(p), p]));
  const outcome = reconcile(
    {
      broker: {
        complete: true,
        startedAt: list.receivedAt,
        completedAt: list.receivedAt,
        positions: list.rows.filter((r) => listed.has(keyId(r))),
      },
      store: [...storeRows.values()],
      now: list.receivedAt,
      streamActivity: new Map(),
    },
    rules,
  );
  const changed = outcome.detected
    .filter((f) => f.type !== 'STALE_DATA')
    .map((detected): CaughtUpKey => {
      const stored = storeRows.get(keyId(detected));
      const storeUpdatedAt = detected.storeUpdatedAt ?? stored?.updatedAt ?? null;
      return {
        ...detected,
        storeUpdatedAt,
        caughtUpAt: list.receivedAt,
        note: catchUpNote(list, detected, stored, storeUpdatedAt),
      };
    });
  return {
    cause: list.cause,
    at: list.receivedAt,
    rowCount: list.rows.length,
    changed,
    loadedCount: loaded.length,
    loadedAccounts: [...new Set(loaded.map((r) => r.account))].sort(),
  };
}

/** "caught up after reconnect at 2026-11-25 10:07:00 UTC: the store had 2 since …, the broker 3" */
function catchUpNote(
  list: StartingList,
  detected: DetectedDiscrepancy,
  stored: Position | undefined,
  since: Date | null,
): string {
  const store =
    stored === undefined
      ? 'the store had no row'
      : `the store had ${stored.quantity}${since ? ` since ${instantText(since)}` : ''}`;
  const broker = `the broker ${detected.brokerQuantity ?? 0}`;
  return `caught up after ${CAUSE_WORDS[list.cause]} at ${instantText(list.receivedAt)}: ${store}, ${broker} (${describeContract(detected.contract)} in ${detected.account})`;
}

/** An instant nobody can misread: UTC, to the second, with its zone said. */
export function instantText(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
