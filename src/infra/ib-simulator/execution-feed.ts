import type { ClientConnection } from './client-connection.js';
import type { Cancel } from './clock.js';
import type { EndMarkers } from './end-markers.js';
import type { ExecutionLedger, SimulatedExecution } from './execution-ledger.js';
import type { CommissionRow, ExecutionRow } from './wire/execution-replies.js';
import { formatExecutionTime, parseFilterTime } from './wire/execution-time.js';
import { NO_REQUEST_ID } from './wire/reply-encoder.js';
import type { ExecutionFilter } from './wire/request-decoder.js';

/** TWS's code for a request it could not validate. */
const INVALID_REQUEST = 321;

export interface ExecutionFeedOptions {
  readonly ledger: ExecutionLedger;
  /** When EXECUTION_DATA_END goes out: at once, later, or never (as with a stuck TWS). */
  readonly ends: EndMarkers;
  /** The zone execution times are written in: the TWS login's. */
  readonly timeZone: string;
  /** The Master API client ID of TWS's API settings; undefined when the field is blank. */
  readonly masterClientId: number | undefined;
  readonly readyConnections: () => readonly ClientConnection[];
  readonly onWithheld: (connection: ClientConnection, reqId: number) => void;
}

/**
 * Executions towards clients, as TWS sends them. A live execution (request id -1) and then its
 * commission report go to the connections of the client that placed the order and of the Master
 * API client ID; no other client hears of it. REQ_EXECUTIONS answers with the day's executions that
 * pass the filter (every client's and TWS's own), each followed by its commission report, then
 * EXECUTION_DATA_END with the request's id.
 */
export class ExecutionFeed {
  readonly #pendingEnds = new Map<ClientConnection, Set<Cancel>>();

  constructor(private readonly options: ExecutionFeedOptions) {}

  pushExecutions(executions: readonly SimulatedExecution[]): void {
    for (const execution of executions) {
      for (const connection of this.#recipients(execution)) {
        connection.send((e) => e.executionData(NO_REQUEST_ID, this.#row(execution)));
      }
    }
  }

  /** TWS sends commission reports after the execution and the position change it caused. */
  pushCommissionReports(executions: readonly SimulatedExecution[]): void {
    for (const execution of executions) {
      for (const connection of this.#recipients(execution)) {
        connection.send((e) => e.commissionReport(commissionRow(execution)));
      }
    }
  }

  /**
   * Answers REQ_EXECUTIONS. A filter time that is not a time gets error 321 with the request's id
   * and no rows (the simulator's choice: TWS does not document it).
   */
  answer(connection: ClientConnection, reqId: number, filter: ExecutionFilter): void {
    const since = filter.time.trim() === '' ? undefined : parseFilterTime(filter.time, this.options.timeZone);
    if (filter.time.trim() !== '' && since === undefined) {
      connection.send((e) =>
        e.error(
          reqId,
          INVALID_REQUEST,
          `Error validating request:-'time' : cause - Invalid time format ${filter.time}`,
        ),
      );
      return;
    }
    for (const execution of this.options.ledger.today()) {
      if (!passes(execution, filter, since)) continue;
      connection.send((e) => e.executionData(reqId, this.#row(execution)));
      connection.send((e) => e.commissionReport(commissionRow(execution)));
    }
    const pending = this.#pendingEnds.get(connection) ?? new Set<Cancel>();
    // Declared first: without a delay the marker is sent before schedule() returns.
    let cancel: Cancel | undefined;
    cancel = this.options.ends.schedule(
      () => {
        if (cancel) pending.delete(cancel);
        connection.send((e) => e.executionDataEnd(reqId));
      },
      () => this.options.onWithheld(connection, reqId),
    );
    if (!cancel) return;
    pending.add(cancel);
    this.#pendingEnds.set(connection, pending);
  }

  /** A closed socket: end markers still to come are called off. */
  forget(connection: ClientConnection): void {
    for (const cancel of this.#pendingEnds.get(connection) ?? []) cancel();
    this.#pendingEnds.delete(connection);
  }

  forgetAll(): void {
    for (const connection of [...this.#pendingEnds.keys()]) this.forget(connection);
  }

  #recipients(execution: SimulatedExecution): ClientConnection[] {
    const { masterClientId, readyConnections } = this.options;
    return readyConnections().filter(
      (c) =>
        c.clientId === execution.clientId || (masterClientId !== undefined && c.clientId === masterClientId),
    );
  }

  #row(execution: SimulatedExecution): ExecutionRow {
    return { ...execution, time: formatExecutionTime(execution.time, this.options.timeZone) };
  }
}

function commissionRow(execution: SimulatedExecution): CommissionRow {
  return {
    execId: execution.execId,
    commission: execution.commission,
    currency: execution.currency,
    realizedPnl: execution.realizedPnl,
  };
}

/**
 * The filter as the simulator reads it: an empty field, or client id 0, does not filter; text
 * compares without regard to case; the time keeps executions at or after it, to the second, as
 * execution times have no finer grain; the side is BUY or SELL (BOT and SLD are read the same).
 */
export function passes(
  execution: SimulatedExecution,
  filter: ExecutionFilter,
  since: Date | undefined,
): boolean {
  const same = (wanted: string, actual: string) =>
    wanted === '' || wanted.toUpperCase() === actual.toUpperCase();
  if (filter.clientId !== 0 && filter.clientId !== execution.clientId) return false;
  if (!same(filter.acctCode, execution.account)) return false;
  if (!same(filter.symbol, execution.contract.symbol)) return false;
  if (!same(filter.secType, execution.contract.secType)) return false;
  if (!same(filter.exchange, execution.exchange)) return false;
  const side = filter.side.toUpperCase();
  if (side !== '' && execution.side !== ({ BUY: 'BOT', SELL: 'SLD' }[side] ?? side)) return false;
  if (since !== undefined && Math.floor(execution.time.getTime() / 1000) * 1000 < since.getTime())
    return false;
  return true;
}
