/**
 * A fake TWS: a TCP server speaking the TWS API text protocol (server versions 100..193) well
 * enough that the unmodified @stoqey/ib client cannot tell it from TWS for what this product uses,
 * plus an in-process control API for tests and demos.
 *
 * Protocol: the client's hello gets `min(serverVersion, clientMax)` and the connection time;
 * START_API gets MANAGED_ACCTS, NEXT_VALID_ID and the farm notices 2104/2106/2158 (info on the
 * client). REQ_IDS, REQ_MANAGED_ACCTS, REQ_CURRENT_TIME are answered. REQ_POSITIONS sends every
 * row of every account (rows closed today with quantity 0), POSITION_END, then a push of each
 * change; CANCEL_POSITIONS stops it. REQ_POSITIONS_MULTI (from version 103) does the same for one
 * account with the request's id on every POSITION_MULTI and on POSITION_MULTI_END, pushing that
 * account's changes until CANCEL_POSITIONS_MULTI; an unknown account gets error 321 with the
 * request's id (`error` on the client). REQ_ACCT_DATA subscribes one account at a time across all
 * clients (a new subscription replaces the old one): values, portfolio rows, update time,
 * ACCT_DOWNLOAD_END, pushes on change, a refresh every `portfolioRefreshMs`. An empty account
 * code means the first account; an unknown one gets notice 321 (id -1, so `info` on the client).
 * REQ_EXECUTIONS answers with the day's executions that pass its filter (every client's and TWS's
 * own, corrections next to what they correct), each followed by its COMMISSION_REPORT, then
 * EXECUTION_DATA_END with the request's id. A trade's executions are pushed live (request id -1,
 * then the position change, then the commission reports) to the client that placed the order and
 * to the Master API client ID only. Anything else is ignored and reported as a `request-ignored`
 * event.
 *
 * Control API (`startSimulator(options)` resolves to a {@link TwsSimulator}):
 * - state: `positions()`, `position(account, conId)`, `price(conId)`, `accounts`, `port`;
 * - trading, pushed to subscribers: `open`, `change`, `close` (quantity 0, the row stays for the
 *   trading day), each with executions (`TradeTerms`: how many fills, which client placed the order),
 *   `correctExecution(execId, { shares?, price? })` (IB's correction: same execId up to its last
 *   period, the next number after it; 0 shares busts it), `remove(account, conId, { silent? })` (the
 *   key disappears, no execution; unless silent a last quantity-0 row is pushed);
 * - drift, changed without telling anyone, in two flavours. **No trade** (an assignment, exercise,
 *   expiry or transfer: the position changes and no execution exists): `silently.open/change/close`
 *   with an optional `reason`, `remove(..., { silent: true })`. **Lost fills** (the executions exist
 *   and REQ_EXECUTIONS returns them, but neither their live messages nor the position change reached
 *   a client): `lostFills.open/change/close/correct`;
 * - prices (never pushed; they show in the next refresh): `setPrice`, `setPrices`, `refreshPortfolio()`;
 * - faults: `sendCode(1100 | 1101 | 1102 | 2110, message?)` to every client (1101 also drops every
 *   position and account subscription: data lost), `dropAll()`, `restart({ refuseForMs })` (every
 *   socket closed and the port really closed, so connecting fails with ECONNREFUSED, then the same
 *   port listens again), `withholdPositionEnd(on)`, `delayPositionEnd(ms)` (both end markers,
 *   POSITION_END and POSITION_MULTI_END), `refusePositionsMulti(on, refusal?)` (an error with the
 *   request's id instead of an answer; by default 321 saying the login does not support it),
 *   `sendMalformed(clientId)` (a truncated POSITION frame: that client reports error 505, others
 *   are untouched), `withholdExecutionsEnd(on)`,
 *   `delayExecutionsEnd(ms)` (EXECUTION_DATA_END, which some TWS builds never send);
 * - built in, as TWS: a second START_API with a client id in use gets 326 (id -1) and the socket
 *   closed; past `maxClients` (32) open connections a new socket is reset before the handshake,
 *   so @stoqey/ib reports error 502 (ECONNRESET) then `disconnected`, and never `connected`;
 * - observation: `executions()` (the day's), `clients()` (ready connections: clientId,
 *   remotePort, connectedAt), `connections()` (every accepted connection with its request log),
 *   `requestsOf(clientId)`,
 *   `connectionsAccepted`, `connectionsRefused`, `onEvent(listener)` for every event;
 *   (the latest 1,000 closed connections and 10,000 requests per connection are kept);
 * - `stop()` stops timers, drops every socket and the listener (`close` is for positions).
 *
 * Options (all optional): `host` (127.0.0.1), `port` (0 = any free port; kept across restarts),
 * `accounts` (DU111111, DU222222), `serverVersion` (the highest offered, 176), `portfolioRefreshMs`
 * (180000), `maxClients` (32), `startingCash` (1,000,000 per account), `firstOrderId` (1), `clock`
 * (the system clock; every timer and timestamp goes through it, so a manual clock drives tests),
 * `masterClientId` (none), `timeZone` (US/Eastern: the login's zone, in which execution times are
 * written).
 *
 * Money: trades fill at the conId's current price. Average cost includes the multiplier; market
 * value is quantity × price × multiplier; unrealised P&L is market value − quantity × average
 * cost; reducing or closing realises P&L (a commission report's realised P&L is net of its
 * commission; commissions are reported, not taken from cash). Account values (NetLiquidation,
 * TotalCashValue, AvailableFunds, BuyingPower, …) follow from each account's cash and positions.
 *
 * A socket that does not speak the protocol is closed; a malformed request is skipped; a reply a
 * client's negotiated version cannot carry (a fractional quantity before 101) is not sent to it.
 * Each is reported as a `protocol-error` event; the server itself carries on.
 */
import type { Socket } from 'node:net';
import { ApiRequests, type RequestRefusal } from './api-requests.js';
import { ClientConnection, type ConnectionSink, type LoggedRequest } from './client-connection.js';
import { type ConnectedClient, type ConnectionRecord, ConnectionRegistry } from './connection-registry.js';
import { CONNECTIVITY_MESSAGES } from './connectivity-codes.js';
import type { Contract } from './contract.js';
import { EndMarkers } from './end-markers.js';
import { ExecutionFeed } from './execution-feed.js';
import {
  type ExecutionCorrection,
  ExecutionLedger,
  type SimulatedExecution,
  type TradeTerms,
} from './execution-ledger.js';
import { PortfolioFeed } from './portfolio-feed.js';
import { PositionFeed } from './position-feed.js';
import { PositionMultiFeed } from './position-multi-feed.js';
import { type ChangeTerms, type OpenTerms, SimulatedBook, type SimulatedPosition } from './simulated-book.js';
import { SimulatorError } from './simulator-error.js';
import type { ConnectivityCode, SimulatorEvent, UnstampedEvent } from './simulator-events.js';
import { type ResolvedOptions, resolveOptions, type SimulatorOptions } from './simulator-options.js';
import { TcpListener } from './tcp-listener.js';
import { type LostFills, type RemoveOptions, type SilentTrading, Trading } from './trading.js';
import { encodeFrame } from './wire/frame-codec.js';
import { ReplyId } from './wire/message-ids.js';
import { NO_REQUEST_ID } from './wire/reply-encoder.js';

/** How the simulator refuses positions-multi requests unless told otherwise. */
const NOT_SUPPORTED_FOR_LOGIN: RequestRefusal = {
  code: 321,
  message:
    "Error validating request:-'positionsMulti' : cause - Positions multi requests are not supported for this login",
};

export type SimulatorEventListener = (event: SimulatorEvent) => void;

/** Starts a simulator listening on `options.port` (0 = any free port). */
export function startSimulator(options: SimulatorOptions = {}): Promise<TwsSimulator> {
  return TwsSimulator.start(options);
}

export class TwsSimulator {
  readonly accounts: readonly string[];
  readonly host: string;
  readonly serverVersion: number;
  readonly silently: SilentTrading;
  readonly lostFills: LostFills;
  readonly #options: ResolvedOptions;
  readonly #book: SimulatedBook;
  readonly #ends: EndMarkers;
  readonly #positionFeed: PositionFeed;
  readonly #positionMultiFeed: PositionMultiFeed;
  readonly #portfolioFeed: PortfolioFeed;
  readonly #executionLedger: ExecutionLedger;
  readonly #executionEnds: EndMarkers;
  readonly #executionFeed: ExecutionFeed;
  readonly #trading: Trading;
  readonly #connections: ConnectionRegistry;
  readonly #listeners = new Set<SimulatorEventListener>();
  readonly #sink: ConnectionSink;
  readonly #requests: ApiRequests;
  readonly #listener: TcpListener;
  #closed = false;
  #positionsMultiRefusal: RequestRefusal | undefined;

  static async start(options: SimulatorOptions = {}): Promise<TwsSimulator> {
    const simulator = new TwsSimulator(resolveOptions(options));
    try {
      await simulator.#listener.open();
    } catch (error) {
      await simulator.stop();
      throw error;
    }
    return simulator;
  }

  private constructor(options: ResolvedOptions) {
    this.#options = options;
    this.accounts = [...options.accounts];
    this.host = options.host;
    this.serverVersion = options.serverVersion;
    this.#connections = new ConnectionRegistry(options.maxClients);
    this.#listener = new TcpListener(options.host, options.port, options.clock, {
      socket: (socket) => this.#accept(socket),
      opened: (port) => this.#emit({ type: 'listening', host: this.host, port }),
      closed: (reason) => this.#emit({ type: 'stopped-listening', reason }),
    });
    this.#book = new SimulatedBook(this.accounts, options.clock, options.startingCash);
    this.#ends = new EndMarkers(options.clock);
    this.#positionFeed = new PositionFeed(this.#ends, (c) =>
      this.#emit({ type: 'position-end-withheld', connectionId: c.id, reqId: undefined }),
    );
    this.#positionMultiFeed = new PositionMultiFeed(this.#ends, (c, reqId) =>
      this.#emit({ type: 'position-end-withheld', connectionId: c.id, reqId }),
    );
    this.#portfolioFeed = new PortfolioFeed(this.#book, options.clock, options.portfolioRefreshMs, (s) =>
      this.#emit({ type: 'portfolio-refreshed', account: s.account, connectionId: s.connection.id }),
    );
    this.#executionLedger = new ExecutionLedger(options.clock);
    this.#executionEnds = new EndMarkers(options.clock);
    this.#executionFeed = new ExecutionFeed({
      ledger: this.#executionLedger,
      ends: this.#executionEnds,
      timeZone: options.timeZone,
      masterClientId: options.masterClientId,
      readyConnections: () => this.#connections.ready(),
      onWithheld: (c, reqId) => this.#emit({ type: 'executions-end-withheld', connectionId: c.id, reqId }),
    });
    this.#requests = new ApiRequests({
      accounts: this.accounts,
      firstOrderId: options.firstOrderId,
      clock: options.clock,
      book: this.#book,
      positionFeed: this.#positionFeed,
      positionMultiFeed: this.#positionMultiFeed,
      portfolioFeed: this.#portfolioFeed,
      executionFeed: this.#executionFeed,
      positionsMultiRefusal: () => this.#positionsMultiRefusal,
      readyConnections: () => this.#connections.ready(),
      emit: (event) => this.#emit(event),
    });
    this.#sink = {
      request: (connection, request) => this.#requests.handle(connection, request),
      protocolError: (connection, message) =>
        this.#emit({ type: 'protocol-error', connectionId: connection.id, message }),
      closed: (connection, by) => this.#onClosed(connection, by),
    };
    this.#trading = new Trading({
      book: this.#book,
      ledger: this.#executionLedger,
      executionFeed: this.#executionFeed,
      positionFeed: this.#positionFeed,
      positionMultiFeed: this.#positionMultiFeed,
      portfolioFeed: this.#portfolioFeed,
      emit: (event) => this.#emit(event),
    });
    this.silently = this.#trading.silently;
    this.lostFills = this.#trading.lostFills;
    this.#portfolioFeed.start();
  }

  /** The port clients connect to; stays the same across restarts. */
  get port(): number {
    return this.#listener.port;
  }

  get listening(): boolean {
    return this.#listener.listening;
  }

  /** Every TCP connection accepted since start, including those refused over the limit. */
  get connectionsAccepted(): number {
    return this.#connections.accepted;
  }

  get connectionsRefused(): number {
    return this.#connections.refused;
  }

  // ---- observation ------------------------------------------------------------------------------

  onEvent(listener: SimulatorEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  positions(): SimulatedPosition[] {
    return this.#book.positions();
  }

  position(account: string, conId: number): SimulatedPosition | undefined {
    return this.#book.position(account, conId);
  }

  price(conId: number): number | undefined {
    return this.#book.price(conId);
  }

  /** The day's executions, oldest first, corrections next to what they correct. */
  executions(): SimulatedExecution[] {
    return this.#executionLedger.today();
  }

  clients(): ConnectedClient[] {
    return this.#connections.clients();
  }

  connections(): ConnectionRecord[] {
    return this.#connections.records();
  }

  /** The requests of the latest connection that started with `clientId` (empty if none did). */
  requestsOf(clientId: number): LoggedRequest[] {
    return this.#connections.requestsOf(clientId);
  }

  // ---- trading ----------------------------------------------------------------------------------

  open(
    account: string,
    contract: Contract,
    quantity: number,
    terms: OpenTerms & TradeTerms = {},
  ): SimulatedPosition {
    return this.#trading.open(account, contract, quantity, terms);
  }

  /** Trades the position to `quantity` at the current price (0 closes it). */
  change(
    account: string,
    conId: number,
    quantity: number,
    terms: ChangeTerms & TradeTerms = {},
  ): SimulatedPosition {
    return this.#trading.change(account, conId, quantity, terms);
  }

  close(account: string, conId: number, terms: TradeTerms = {}): SimulatedPosition {
    return this.#trading.close(account, conId, terms);
  }

  /**
   * Corrects the latest version of an execution of today: a new execution with the same id up to
   * its last period and the next number after it; 0 shares busts it. A change of shares moves the
   * position by the difference, at the current price.
   */
  correctExecution(execId: string, correction: ExecutionCorrection): SimulatedExecution {
    return this.#trading.correctExecution(execId, correction);
  }

  remove(account: string, conId: number, options: RemoveOptions = {}): SimulatedPosition {
    return this.#trading.remove(account, conId, options);
  }

  /** A new last price; clients see it in the next portfolio refresh, as with TWS. */
  setPrice(conId: number, price: number): void {
    this.setPrices([[conId, price]]);
  }

  /** Several prices at once, as one event; nothing changes if any price is invalid. */
  setPrices(prices: Iterable<readonly [conId: number, price: number]>): void {
    const changed = new Map<number, number>(prices);
    for (const [conId, price] of changed) {
      if (!Number.isFinite(price) || price < 0) {
        throw new SimulatorError(
          'INVALID_PRICE',
          `price of conId ${conId} must be a finite number ≥ 0, got ${price}`,
        );
      }
    }
    for (const [conId, price] of changed) this.#book.setPrice(conId, price);
    this.#emit({ type: 'prices-changed', prices: changed });
  }

  /** Re-sends the subscribed account's rows now; false when no client subscribes to one. */
  refreshPortfolio(): boolean {
    return this.#portfolioFeed.refresh();
  }

  // ---- faults -----------------------------------------------------------------------------------

  /** Sends a connectivity notice to every ready client; returns how many got it. */
  sendCode(code: ConnectivityCode, message: string = CONNECTIVITY_MESSAGES[code]): number {
    if (!(code in CONNECTIVITY_MESSAGES))
      throw new SimulatorError('INVALID_OPTION', `code ${code} is not 1100/1101/1102/2110`);
    const ready = this.#connections.ready();
    for (const connection of ready) connection.send((e) => e.error(NO_REQUEST_ID, code, message));
    if (code === 1101) {
      // "Restored - data lost": TWS forgets the subscriptions and clients have to ask again.
      this.#positionFeed.unsubscribeAll();
      this.#positionMultiFeed.unsubscribeAll();
      const subscription = this.#portfolioFeed.subscription;
      if (subscription && this.#portfolioFeed.unsubscribe(subscription.connection)) {
        this.#emitSubscription(subscription.connection, subscription.account, false);
      }
    }
    this.#emit({ type: 'code-sent', code, message, clients: ready.length });
    return ready.length;
  }

  /** Closes every client socket at once; the port keeps listening. */
  dropAll(): void {
    for (const connection of this.#connections.open()) connection.destroy();
  }

  /**
   * Closes every socket and the listening port, refuses connections for `refuseForMs` on the
   * simulator's clock, then listens on the same port again. Resolves once it listens again.
   */
  restart({ refuseForMs = 0 }: { readonly refuseForMs?: number } = {}): Promise<void> {
    this.#requireRunning();
    if (!(refuseForMs >= 0)) {
      throw new SimulatorError('INVALID_OPTION', `refuseForMs must be ≥ 0, got ${refuseForMs}`);
    }
    this.dropAll();
    return this.#listener.restart(refuseForMs);
  }

  /** While on, POSITION_END and POSITION_MULTI_END are never sent for new requests. */
  withholdPositionEnd(on: boolean): void {
    this.#ends.withhold(on);
  }

  /** POSITION_END and POSITION_MULTI_END of new requests come `ms` later on the simulator clock. */
  delayPositionEnd(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0))
      throw new SimulatorError('INVALID_OPTION', `delay must be ≥ 0 ms, got ${ms}`);
    this.#ends.delay(ms);
  }

  /**
   * While on, every REQ_POSITIONS_MULTI gets an error with its id instead of an answer: by default
   * 321 saying this login does not support it, or the code and message given.
   */
  refusePositionsMulti(on: boolean, refusal: RequestRefusal = NOT_SUPPORTED_FOR_LOGIN): void {
    if (on && !(Number.isInteger(refusal.code) && refusal.code >= 0)) {
      throw new SimulatorError('INVALID_OPTION', `an error code is an integer ≥ 0, got ${refusal.code}`);
    }
    this.#positionsMultiRefusal = on ? { ...refusal } : undefined;
  }

  /** While on, EXECUTION_DATA_END is never sent for new REQ_EXECUTIONS, as with some TWS builds. */
  withholdExecutionsEnd(on: boolean): void {
    this.#executionEnds.withhold(on);
  }

  /** EXECUTION_DATA_END of new requests comes `ms` later on the simulator clock. */
  delayExecutionsEnd(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0))
      throw new SimulatorError('INVALID_OPTION', `delay must be ≥ 0 ms, got ${ms}`);
    this.#executionEnds.delay(ms);
  }

  /** Sends the client a POSITION frame cut short: it reports error 505 and drops that message. */
  sendMalformed(clientId: number): void {
    const connection = this.#connections.ready().find((c) => c.clientId === clientId);
    if (!connection) throw new SimulatorError('UNKNOWN_CLIENT', `no connected client with id ${clientId}`);
    const [account] = this.accounts;
    connection.sendRaw(encodeFrame([String(ReplyId.POSITION_DATA), '3', account ?? '']));
    this.#emit({ type: 'malformed-sent', connectionId: connection.id, clientId });
  }

  /** Stops every timer, closes every socket and the port. (`close` closes positions.) */
  async stop(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#portfolioFeed.stop();
    this.#positionFeed.unsubscribeAll();
    this.#positionMultiFeed.unsubscribeAll();
    this.#executionFeed.forgetAll();
    this.dropAll();
    await this.#listener.close();
    this.#emit({ type: 'closed' });
    this.#listeners.clear();
  }

  // ---- server -----------------------------------------------------------------------------------

  #accept(socket: Socket): void {
    const openConnections = this.#connections.admit();
    if (openConnections !== undefined) {
      socket.on('error', () => {});
      // A reset, not a polite close: the client learns at once, whatever it already wrote.
      socket.resetAndDestroy();
      this.#emit({ type: 'connection-refused', remotePort: socket.remotePort ?? 0, openConnections });
      return;
    }
    const connection = new ClientConnection({
      id: this.#connections.nextId(),
      socket,
      serverMaxVersion: this.serverVersion,
      clock: this.#options.clock,
      sink: this.#sink,
    });
    this.#connections.add(connection);
    this.#emit({
      type: 'connection-accepted',
      connectionId: connection.id,
      remotePort: connection.remotePort,
    });
  }

  #onClosed(connection: ClientConnection, by: 'client' | 'server'): void {
    this.#connections.closed();
    this.#positionFeed.unsubscribe(connection);
    this.#positionMultiFeed.unsubscribeConnection(connection);
    this.#executionFeed.forget(connection);
    const account = this.#portfolioFeed.subscription?.account;
    if (account !== undefined && this.#portfolioFeed.unsubscribe(connection)) {
      this.#emitSubscription(connection, account, false);
    }
    this.#emit({ type: 'connection-closed', connectionId: connection.id, clientId: connection.clientId, by });
  }

  #emitSubscription(connection: ClientConnection, account: string, subscribed: boolean): void {
    this.#emit({
      type: 'account-subscription',
      connectionId: connection.id,
      clientId: connection.clientId,
      account,
      subscribed,
    });
  }

  #requireRunning(): void {
    if (this.#closed) throw new SimulatorError('NOT_RUNNING', 'the simulator is closed');
  }

  #emit(event: UnstampedEvent): void {
    const stamped: SimulatorEvent = { ...event, at: this.#options.clock.now() };
    for (const listener of this.#listeners) listener(stamped);
  }
}
