import type { CursorTracker, SentinelApi } from '../domain/sentinel-api.js';

export type Role = 'read' | 'admin';

/** Per request (or per WebSocket connection): the application and who is asking. */
export interface SchemaContext {
  readonly api: SentinelApi;
  /** Null when the request carried no valid key; only possible when keys are configured. */
  readonly role: Role | null;
  /** Set by the WebSocket layer on executions whose source position it needs to know. */
  readonly cursor?: CursorTracker;
}
