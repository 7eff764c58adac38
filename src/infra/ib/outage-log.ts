import type { LogFields, Logger } from '../logger.js';

/** The kinds of trouble a person is told about: TWS unreachable or gone, client id taken, no session. */
export type ConnectionProblem = 'outage' | 'client-id' | 'handshake';

/**
 * Tells a person about each kind of connection trouble once per outage, at warn level; the
 * retries after that go to debug, so a long outage does not flood the log.
 */
export class OutageLog {
  readonly #reported = new Set<ConnectionProblem>();

  constructor(
    private readonly log: Logger,
    private readonly fields: LogFields,
  ) {}

  report(problem: ConnectionProblem, message: string, extra: LogFields = {}): void {
    const fields = { ...this.fields, ...extra };
    if (this.#reported.has(problem)) {
      this.log.debug(message, fields);
      return;
    }
    this.#reported.add(problem);
    this.log.warn(message, fields);
  }

  /** The connection is healthy again: the next trouble is news. */
  clear(): void {
    this.#reported.clear();
  }
}
