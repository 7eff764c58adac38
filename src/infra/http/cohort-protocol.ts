import type { ExecutionArgs, GraphQLError } from 'graphql';

/** What a transport hands the cohorts: the arguments, with the envelop pipeline's own subscribe. */
export type CohortArgs = ExecutionArgs & {
  readonly subscribe: (args: ExecutionArgs) => unknown;
  readonly contextValue: Record<string, unknown> & { readonly role?: unknown };
};

export interface CohortOptions {
  /** A member whose connection holds more than this many unsent bytes is ended, to resume later. */
  readonly maxBufferedBytes: number;
  /** What a client may see of an error a source ended with (the rest goes to the log). */
  readonly mask: (error: unknown) => GraphQLError;
}

/**
 * Where one member's results go: its subscription's frames on a WebSocket, or its SSE response.
 * Results arrive serialized once for the whole cohort; the outlet only frames and writes them.
 */
export interface MemberOutlet {
  /** False once the connection is closing or gone: the member leaves instead of writing. */
  readonly open: boolean;
  /** Bytes written to the connection that the network has not taken yet. */
  readonly unsentBytes: number;
  /** Writes one result, already serialized. */
  send(payload: string): void;
  /**
   * Ends the connection of a client that stopped reading, telling it (behind what it has not read
   * yet) to subscribe again from its last cursor.
   */
  endSlow(): void;
}

/**
 * Close code for a WebSocket subscriber that stopped reading: reconnect and subscribe again with
 * `after` set to the cursor of the last event you processed; nothing is lost.
 */
export const CLOSE_SLOW_CONSUMER = 4290;

/** What a slow consumer is told, on either transport. */
export const SLOW_CONSUMER_REASON = 'slow consumer: reconnect and resume after your last cursor';

/** What the cohorts count, for metrics. */
export interface CohortCounters {
  /** Source streams open for cohorts and for members replaying what they missed. */
  openSources: number;
  /** Results read from those sources. */
  sourceResults: number;
  /** Results written to subscribers' connections. */
  deliveries: number;
  /** Connections ended because their client stopped reading. */
  slowConsumersClosed: number;
}
