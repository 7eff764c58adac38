import type { SimulatedExecution } from './execution-ledger.js';
import type { SimulatedPosition } from './simulated-book.js';
import type { ClientRequest } from './wire/request-decoder.js';

/** How a position changed; `remove` means the broker stopped reporting the key at all. */
export type PositionChangeKind = 'open' | 'change' | 'close' | 'remove';

/** Why a position changed with no trade: the silent drifts that no execution explains. */
export type NoTradeReason = 'assignment' | 'exercise' | 'expiry' | 'transfer';

/** Codes the control API can send to every client as notices (ERR_MSG with id -1). */
export type ConnectivityCode = 1100 | 1101 | 1102 | 2110;

/** An event before the simulator stamps it with its clock's time. */
export type UnstampedEvent =
  | { readonly type: 'listening'; readonly host: string; readonly port: number }
  | { readonly type: 'stopped-listening'; readonly reason: 'restart' | 'close' }
  | { readonly type: 'connection-accepted'; readonly connectionId: number; readonly remotePort: number }
  /** The connection limit was reached: the socket was reset before the handshake. */
  | { readonly type: 'connection-refused'; readonly remotePort: number; readonly openConnections: number }
  | {
      readonly type: 'client-ready';
      readonly connectionId: number;
      readonly clientId: number;
      readonly serverVersion: number;
    }
  /** START_API with a client id another connection holds: 326 was sent and the socket closed. */
  | { readonly type: 'client-rejected'; readonly connectionId: number; readonly clientId: number }
  | {
      readonly type: 'connection-closed';
      readonly connectionId: number;
      readonly clientId: number | undefined;
      readonly by: 'client' | 'server';
    }
  /** Bytes that are not the protocol: a bad hello, a bad frame, a malformed request. */
  | { readonly type: 'protocol-error'; readonly connectionId: number; readonly message: string }
  | {
      readonly type: 'request';
      readonly connectionId: number;
      readonly clientId: number | undefined;
      readonly request: ClientRequest;
    }
  /** A request this server does not implement, or one that arrived before START_API. */
  | {
      readonly type: 'request-ignored';
      readonly connectionId: number;
      readonly clientId: number | undefined;
      readonly msgId: number;
      readonly reason: string;
    }
  | {
      readonly type: 'position-changed';
      readonly change: PositionChangeKind;
      /** True when no client was told: how a store drifts from the broker. */
      readonly silent: boolean;
      readonly position: SimulatedPosition;
      /** For a change with no trade, what it stands for, when the caller said. */
      readonly reason?: NoTradeReason | undefined;
    }
  /**
   * An execution of the day. `lost`: TWS has it (REQ_EXECUTIONS returns it) but its live message
   * and the position change never reached a client.
   */
  | { readonly type: 'execution'; readonly execution: SimulatedExecution; readonly lost: boolean }
  | { readonly type: 'prices-changed'; readonly prices: ReadonlyMap<number, number> }
  | {
      readonly type: 'account-subscription';
      readonly connectionId: number;
      readonly clientId: number | undefined;
      readonly account: string;
      readonly subscribed: boolean;
    }
  | { readonly type: 'portfolio-refreshed'; readonly account: string; readonly connectionId: number }
  /** An end marker was withheld: POSITION_END, or POSITION_MULTI_END of request `reqId`. */
  | {
      readonly type: 'position-end-withheld';
      readonly connectionId: number;
      readonly reqId: number | undefined;
    }
  /** EXECUTION_DATA_END of request `reqId` was withheld. */
  | { readonly type: 'executions-end-withheld'; readonly connectionId: number; readonly reqId: number }
  | { readonly type: 'code-sent'; readonly code: number; readonly message: string; readonly clients: number }
  | { readonly type: 'malformed-sent'; readonly connectionId: number; readonly clientId: number }
  | { readonly type: 'closed' };

/** Everything the simulator does, for logs and tests; `at` is the simulator clock's time. */
export type SimulatorEvent = UnstampedEvent & { readonly at: Date };

export type SimulatorEventType = SimulatorEvent['type'];
