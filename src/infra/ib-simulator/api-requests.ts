import type { ClientConnection } from './client-connection.js';
import type { Clock } from './clock.js';
import type { ExecutionFeed } from './execution-feed.js';
import type { PortfolioFeed } from './portfolio-feed.js';
import type { PositionFeed } from './position-feed.js';
import type { PositionMultiFeed } from './position-multi-feed.js';
import type { SimulatedBook } from './simulated-book.js';
import type { UnstampedEvent } from './simulator-events.js';
import { RequestId, ServerVersion } from './wire/message-ids.js';
import { NO_REQUEST_ID } from './wire/reply-encoder.js';
import type { ClientRequest } from './wire/request-decoder.js';

const FARM_NOTICES: readonly (readonly [number, string])[] = [
  [2104, 'Market data farm connection is OK:usfarm'],
  [2106, 'HMDS data farm connection is OK:ushmds'],
  [2158, 'Sec-def data farm connection is OK:secdefnj'],
];

/** An error TWS answers a request with: sent with the request's id. */
export interface RequestRefusal {
  readonly code: number;
  readonly message: string;
}

const CLIENT_ID_IN_USE = 326;
/** TWS's code for a request it could not validate; the message says why. */
const INVALID_REQUEST = 321;

export interface ApiRequestContext {
  readonly accounts: readonly string[];
  readonly firstOrderId: number;
  readonly clock: Clock;
  readonly book: SimulatedBook;
  readonly positionFeed: PositionFeed;
  readonly positionMultiFeed: PositionMultiFeed;
  readonly portfolioFeed: PortfolioFeed;
  readonly executionFeed: ExecutionFeed;
  /** The error every REQ_POSITIONS_MULTI gets instead of an answer, while there is one. */
  readonly positionsMultiRefusal: () => RequestRefusal | undefined;
  /** Connections that completed START_API and are still open. */
  readonly readyConnections: () => readonly ClientConnection[];
  readonly emit: (event: UnstampedEvent) => void;
}

/** Answers each client request as TWS does. */
export class ApiRequests {
  constructor(private readonly context: ApiRequestContext) {}

  handle(connection: ClientConnection, request: ClientRequest): void {
    const { emit, clock, book, positionFeed, accounts, firstOrderId } = this.context;
    emit({ type: 'request', connectionId: connection.id, clientId: connection.clientId, request });
    if (connection.state === 'handshaken') {
      if (request.type === 'START_API') this.#startApi(connection, request.clientId);
      else this.#ignore(connection, request, 'before START_API');
      return;
    }
    switch (request.type) {
      case 'START_API':
        this.#ignore(connection, request, 'the API is already started on this connection');
        break;
      case 'REQ_IDS':
        connection.send((e) => e.nextValidId(firstOrderId));
        break;
      case 'REQ_MANAGED_ACCTS':
        connection.send((e) => e.managedAccounts(accounts));
        break;
      case 'REQ_CURRENT_TIME':
        connection.send((e) => e.currentTime(clock.now().getTime() / 1000));
        break;
      case 'REQ_POSITIONS':
        positionFeed.subscribe(connection, book.positions());
        break;
      case 'CANCEL_POSITIONS':
        positionFeed.unsubscribe(connection);
        break;
      case 'REQ_ACCT_DATA':
        this.#accountData(connection, request.subscribe, request.account);
        break;
      case 'REQ_POSITIONS_MULTI':
        this.#positionsMulti(connection, request);
        break;
      case 'CANCEL_POSITIONS_MULTI':
        this.context.positionMultiFeed.unsubscribe(connection, request.reqId);
        break;
      case 'REQ_EXECUTIONS':
        this.context.executionFeed.answer(connection, request.reqId, request.filter);
        break;
      case 'UNKNOWN':
        this.#ignore(connection, request, 'not implemented by the simulator');
        break;
    }
  }

  #startApi(connection: ClientConnection, clientId: number): void {
    const { accounts, firstOrderId, emit } = this.context;
    if (this.context.readyConnections().some((c) => c.clientId === clientId)) {
      connection.send((e) =>
        e.error(
          NO_REQUEST_ID,
          CLIENT_ID_IN_USE,
          'Unable to connect as the client id is already in use. Retry with a unique client id.',
        ),
      );
      emit({ type: 'client-rejected', connectionId: connection.id, clientId });
      connection.end();
      return;
    }
    connection.markReady(clientId);
    // The order real TWS uses; a client is ready once NEXT_VALID_ID arrives.
    connection.send((e) => e.managedAccounts(accounts));
    connection.send((e) => e.nextValidId(firstOrderId));
    for (const [code, message] of FARM_NOTICES) connection.send((e) => e.error(NO_REQUEST_ID, code, message));
    const serverVersion = connection.serverVersion ?? 0;
    emit({ type: 'client-ready', connectionId: connection.id, clientId, serverVersion });
  }

  #accountData(connection: ClientConnection, subscribe: boolean, requested: string): void {
    const { portfolioFeed, accounts, emit } = this.context;
    const reportSubscription = (account: string, subscribed: boolean, holder = connection) =>
      emit({
        type: 'account-subscription',
        connectionId: holder.id,
        clientId: holder.clientId,
        account,
        subscribed,
      });
    if (!subscribe) {
      const account = portfolioFeed.subscription?.account;
      if (account !== undefined && portfolioFeed.unsubscribe(connection)) reportSubscription(account, false);
      return;
    }
    // A login with one account ignores the code; with several, TWS needs one: we take the first.
    const account = requested === '' ? accounts[0] : requested;
    if (account === undefined || !accounts.includes(account)) {
      connection.send((e) =>
        e.error(
          NO_REQUEST_ID,
          INVALID_REQUEST,
          `Error validating request:-'account' : cause - Invalid account code ${requested}`,
        ),
      );
      return;
    }
    const replaced = portfolioFeed.subscribe(connection, account);
    if (replaced) reportSubscription(replaced.account, false, replaced.connection);
    reportSubscription(account, true);
  }

  /** One account's positions with the request's id; refusals carry the id too, as TWS's do. */
  #positionsMulti(
    connection: ClientConnection,
    request: Extract<ClientRequest, { type: 'REQ_POSITIONS_MULTI' }>,
  ): void {
    const { accounts, book, positionMultiFeed, positionsMultiRefusal } = this.context;
    const { reqId, account, modelCode } = request;
    if ((connection.serverVersion ?? 0) < ServerVersion.MODELS_SUPPORT) {
      this.#ignore(connection, request, `needs server version ${ServerVersion.MODELS_SUPPORT}`);
      return;
    }
    const refusal = positionsMultiRefusal();
    if (refusal) {
      connection.send((e) => e.error(reqId, refusal.code, refusal.message));
      return;
    }
    if (!accounts.includes(account)) {
      connection.send((e) =>
        e.error(
          reqId,
          INVALID_REQUEST,
          `Error validating request:-'account' : cause - Invalid account code ${account || '(none)'}`,
        ),
      );
      return;
    }
    positionMultiFeed.subscribe(connection, reqId, account, modelCode, book.positionsOf(account));
  }

  #ignore(connection: ClientConnection, request: ClientRequest, reason: string): void {
    const msgId = request.type === 'UNKNOWN' ? request.msgId : RequestId[request.type];
    this.context.emit({
      type: 'request-ignored',
      connectionId: connection.id,
      clientId: connection.clientId,
      msgId,
      reason,
    });
  }
}
