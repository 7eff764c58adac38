import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runUntilStopped, shutDownWithin } from '../../src/cli/graceful-shutdown.js';
import { captureLogger } from '../support/capture-logger.js';
import { ManualClock } from '../support/manual-clock.js';

/** A target whose steps finish when the test says so. */
function steps(names: string[]) {
  const left = [...names];
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    target: {
      close: () => closed,
      unfinishedClose: () => left,
    },
    step() {
      left.shift();
      if (left.length === 0) finish();
    },
  };
}

/** CLI io whose signals the test sends, one at a time. */
function signals(): { io: CliIo; send(signal: string): void } {
  let first: ((signal: string) => void) | undefined;
  let again: ((signal: string) => void) | undefined;
  const io: CliIo = {
    stdout: () => undefined,
    stderr: () => undefined,
    env: {},
    interactive: false,
    waitForStop: (onAgain) => {
      again = onAgain;
      return new Promise((resolve) => {
        first = resolve;
      });
    },
  };
  let stopping = false;
  return {
    io,
    send(signal) {
      if (stopping) again?.(signal);
      else {
        stopping = true;
        first?.(signal);
      }
    },
  };
}

describe('shutdown', () => {
  it('within the deadline: exit 0; a further signal is logged as ignored and changes nothing', async () => {
    const clock = new ManualClock();
    const { logger, lines } = captureLogger();
    const s = steps(['API server', 'writer (writing buffered updates)']);
    const sig = signals();
    const code = runUntilStopped(sig.io, s.target, {
      deadlineMs: 15_000,
      logger,
      schedule: (ms, cb) => clock.schedule(ms, cb),
    });
    sig.send('SIGINT');
    await Promise.resolve();
    sig.send('SIGINT');
    sig.send('SIGTERM');
    s.step();
    clock.advance(14_999);
    s.step();
    expect(await code).toBe(0);
    const messages = lines.map((l) => l.msg);
    expect(messages).toEqual([
      'SIGINT: shutting down',
      'SIGINT: already stopping; the signal is ignored',
      'SIGTERM: already stopping; the signal is ignored',
      'stopped',
    ]);
    expect(lines[1]).toMatchObject({ unfinished: ['API server', 'writer (writing buffered updates)'] });
    expect(clock.pendingCount).toBe(0);
  });

  it('past the deadline: exit 1, naming what did not finish', async () => {
    const clock = new ManualClock();
    const { logger, lines } = captureLogger();
    const s = steps(['API server', 'writer (writing buffered updates)', 'store']);
    const code = shutDownWithin(s.target, {
      deadlineMs: 15_000,
      logger,
      schedule: (ms, cb) => clock.schedule(ms, cb),
    });
    s.step();
    clock.advance(15_000);
    expect(await code).toBe(1);
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      msg: 'shutdown did not finish within 15000 ms; unfinished: writer (writing buffered updates), store',
    });
  });

  it('a step that failed makes the exit non-zero, even in time', async () => {
    const { logger, lines } = captureLogger();
    const code = await shutDownWithin(
      { close: async () => undefined, unfinishedClose: () => ['writer (writing buffered updates) (failed)'] },
      { deadlineMs: 15_000, logger },
    );
    expect(code).toBe(1);
    expect(lines.at(-1)?.msg).toBe(
      'shutdown finished with failures: writer (writing buffered updates) (failed)',
    );
  });
});
