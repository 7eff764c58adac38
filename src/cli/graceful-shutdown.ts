import type { Cancel } from '../domain/clock.js';
import type { Logger } from '../infra/logger.js';
import type { CliIo } from './cli-io.js';

export interface Stoppable {
  close(): Promise<void>;
  /** The shutdown steps not finished yet, the one in progress first. */
  unfinishedClose(): readonly string[];
}

export interface ShutdownOptions {
  readonly deadlineMs: number;
  readonly logger: Logger;
  /** Default: a real timer that keeps the process alive until the deadline, so it is always kept. */
  readonly schedule?: (delayMs: number, callback: () => void) => Cancel;
}

/**
 * Waits for the first SIGINT or SIGTERM, logs every further one as ignored, and shuts down within
 * the deadline. Returns the exit code: 0 when everything closed in time, 1 when the deadline
 * passed (logging what was unfinished) or a step failed.
 */
export async function runUntilStopped(
  io: CliIo,
  target: Stoppable,
  options: ShutdownOptions,
  what = 'shutting down',
): Promise<number> {
  const { logger } = options;
  const signal = await io.waitForStop((again) =>
    logger.warn(`${again}: already stopping; the signal is ignored`, {
      unfinished: target.unfinishedClose(),
    }),
  );
  logger.info(`${signal}: ${what}`, { deadlineMs: options.deadlineMs });
  return shutDownWithin(target, options);
}

/** Closes `target`, or gives up once the deadline passes; see {@link runUntilStopped}. */
export async function shutDownWithin(target: Stoppable, options: ShutdownOptions): Promise<number> {
  const schedule = options.schedule ?? keepAliveTimer;
  let cancel: Cancel = () => undefined;
  const overran = new Promise<'overran'>((resolve) => {
    cancel = schedule(options.deadlineMs, () => resolve('overran'));
  });
  try {
    const outcome = await Promise.race([target.close().then(() => 'closed' as const), overran]);
    if (outcome === 'overran') {
      const unfinished = target.unfinishedClose();
      options.logger.error(
        `shutdown did not finish within ${options.deadlineMs} ms; unfinished: ${unfinished.join(', ') || 'nothing named'}`,
        { unfinished },
      );
      return 1;
    }
    const failed = target.unfinishedClose();
    if (failed.length > 0) {
      options.logger.error(`shutdown finished with failures: ${failed.join(', ')}`, { failed });
      return 1;
    }
    options.logger.info('stopped');
    return 0;
  } catch (error) {
    options.logger.error('shutdown failed', { error, unfinished: target.unfinishedClose() });
    return 1;
  } finally {
    cancel();
  }
}

function keepAliveTimer(delayMs: number, callback: () => void): Cancel {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
}
