/** A server under the fan-out benchmark, as the benchmark's processes see it. */
export interface BenchServer {
  /** The graphql-ws endpoint (ws://…/graphql). */
  readonly url: string;
  /** Publishes event n to every subscriber; absent when the server's own broker feed publishes. */
  readonly publish?: (eventId: number) => void;
  close(): Promise<void>;
}

export const SERVER_KINDS = ['ours', 'bare-yoga', 'raw-ws'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const SERVER_NAMES: Record<ServerKind, string> = {
  ours: 'position-sentinel (whole pipeline)',
  'bare-yoga': 'bare yoga + graphql-ws, one pubsub subscription',
  'raw-ws': 'raw ws broadcast (serialize once)',
};
