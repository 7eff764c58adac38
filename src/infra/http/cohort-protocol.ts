import type { ExecutionArgs } from 'graphql';

/** What graphql-ws hands our subscribe: the arguments, with the envelop pipeline's own subscribe. */
export type CohortArgs = ExecutionArgs & {
  readonly subscribe: (args: ExecutionArgs) => unknown;
  readonly contextValue: Record<string, unknown> & { readonly role?: unknown };
};

export interface CohortOptions {
  /** A socket with more than this many bytes waiting is closed with {@link CLOSE_SLOW_CONSUMER}. */
  readonly maxBufferedBytes: number;
}

/**
 * Close code for a subscriber that stopped reading: reconnect and subscribe again with `after` set
 * to the cursor of the last event you processed; nothing is lost.
 */
export const CLOSE_SLOW_CONSUMER = 4290;

/** What the cohorts count, for metrics. */
export interface CohortCounters {
  /** Source streams open for cohorts and for members replaying what they missed. */
  openSources: number;
  /** Results read from those sources. */
  sourceResults: number;
  /** Results written to subscribers' sockets. */
  deliveries: number;
  /** Sockets closed because their client stopped reading. */
  slowConsumersClosed: number;
}
