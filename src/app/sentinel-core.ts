import { randomUUID } from 'node:crypto';
import type { CatchUp } from '../domain/catch-up.js';
import type { Clock } from '../domain/clock.js';
import { FeedIngest } from '../domain/reconciliation/feed-ingest.js';
import { ReconciliationService } from '../domain/reconciliation/reconciliation-service.js';
import { type DuckDbStore, openStore } from '../infra/duckdb/open-store.js';
import { positionStoreAdapter } from '../infra/duckdb/position-store-adapter.js';
import { createPositionWriter, type PositionWriter } from '../infra/duckdb/position-writer.js';
import { createIbAdapter, type IbAdapter } from '../infra/ib/ib-adapter.js';
import type { BackoffPolicy } from '../infra/ib/reconnect-backoff.js';
import type { Logger } from '../infra/logger.js';
import type { Config } from './config.js';

/** The parts that keep and check the book: what `serve` puts an API on and `reconcile` runs once. */
export interface SentinelCore {
  readonly store: DuckDbStore;
  readonly writer: PositionWriter;
  readonly broker: IbAdapter;
  readonly reconciliation: ReconciliationService;
  /** Called after each starting list is compared with the store (for metrics). */
  onCatchUp(listener: (catchUp: CatchUp) => void): () => void;
  /** Adds a step to run first at close (a layer built on top stops before the core). */
  onClose(step: () => Promise<void> | void, name: string): void;
  /** Ordered: what was added last, then reconciliation, broker, writer (flushing), store. */
  close(): Promise<void>;
  /** The close steps not finished yet (the one in progress first), then those that failed. */
  unfinishedClose(): readonly string[];
}

/** Settings that are not configuration: the defaults suit production. */
export interface CoreTuning {
  /** How soon the broker connection is retried (default 1 s doubling to 30 s, with jitter). */
  readonly brokerBackoff?: Partial<BackoffPolicy> | undefined;
  /**
   * The one-off `reconcile` command: the store takes nothing from the broker's feed (no starting
   * list, no live update), so a run compares the file as it is; runs write corrective rows (expired
   * options, healing) only with --heal.
   */
  readonly compareOnly?: boolean | undefined;
}

/**
 * The composition root of the core: one store, one writer, one broker connection, one
 * reconciliation service. Nothing else in the product creates any of them. The reconciliation
 * service is started (so the broker's first READY becomes the STARTUP run); the broker is not:
 * call `broker.start()` once everything that listens to it is in place.
 */
export async function assembleCore(
  config: Config,
  logger: Logger,
  clock: Clock,
  tuning: CoreTuning = {},
): Promise<SentinelCore> {
  const store = await openStore({ path: config.db, clock });
  const closers: CloseStep[] = [{ name: 'store', run: () => store.close() }];
  const close = () => runInOrder(closers, logger);
  const catchUpListeners = new Set<(catchUp: CatchUp) => void>();
  try {
    const writer = await createPositionWriter(store, { flushIntervalMs: config.flushIntervalMs, clock });
    closers.unshift({ name: 'writer (writing buffered updates)', run: () => writer.close() });
    const broker = createIbAdapter({
      host: config.ib.host,
      port: config.ib.port,
      clientId: config.ib.clientId,
      account: config.ib.account,
      securityTypes: config.securityTypes,
      snapshotTimeoutMs: config.snapshotTimeoutMs,
      clock,
      logger: logger.child({ component: 'ib' }),
      nextSequence: () => store.nextSequence(),
      backoff: tuning.brokerBackoff,
    });
    closers.unshift({ name: 'broker connection', run: () => broker.stop() });
    const positions = positionStoreAdapter(store, writer);
    const rules = {
      securityTypes: config.securityTypes,
      tolerance: config.tolerance,
      staleAfterMs: config.staleAfterMs,
      quietWindowMs: config.quietWindowMs,
    };
    const reconciliation = new ReconciliationService({
      broker,
      positions,
      ledger: store.ledger,
      clock,
      log: logger.child({ component: 'reconciliation' }),
      rules,
      intervalMs: config.reconcileIntervalMs,
      heal: config.heal,
      closeExpired: !tuning.compareOnly || config.heal,
      newId: randomUUID,
    });
    // Every broker update reaches the writer through one ordered step that compares each starting
    // list with the store as it was before storing it (docs/reconciliation-rules.md §12).
    const ingest = new FeedIngest({
      currentBook: positions.currentBook,
      enqueue: (update) => writer.enqueue(update),
      nextSequence: () => store.nextSequence(),
      caughtUp: (catchUp) => reconciliation.caughtUp(catchUp),
      rules,
      log: logger.child({ component: 'ingest' }),
      onCatchUp: (catchUp) => {
        for (const listener of catchUpListeners) listener(catchUp);
      },
    });
    if (!tuning.compareOnly) broker.onFeedItem((item) => ingest.accept(item));
    await reconciliation.start();
    closers.unshift({ name: 'reconciliation', run: () => reconciliation.stop() });
    let closing: Promise<void> | undefined;
    return {
      store,
      writer,
      broker,
      reconciliation,
      onCatchUp: (listener) => {
        catchUpListeners.add(listener);
        return () => catchUpListeners.delete(listener);
      },
      onClose: (step, name) => closers.unshift({ name, run: step }),
      close: () => {
        closing ??= close();
        return closing;
      },
      unfinishedClose: () => closers.filter((s) => !s.done || s.failed).map(describeStep),
    };
  } catch (error) {
    await close();
    throw error;
  }
}

interface CloseStep {
  readonly name: string;
  readonly run: () => Promise<void> | void;
  done?: boolean;
  failed?: boolean;
}

function describeStep(step: CloseStep): string {
  return step.failed ? `${step.name} (failed)` : step.name;
}

/** Runs each step in turn; one failing step does not stop the next. */
async function runInOrder(steps: readonly CloseStep[], logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      step.failed = true;
      logger.error('error while shutting down', { error, step: step.name });
    } finally {
      step.done = true;
    }
  }
}
