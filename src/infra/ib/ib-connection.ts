import { ErrorCode, EventName, IBApi } from '@stoqey/ib';
import type { Cancel } from '../../domain/clock.js';
import type { BrokerState } from '../../domain/ports/broker-port.js';
import type { BrokerStatus } from '../../domain/system-status.js';
import type { LogFields, Logger } from '../logger.js';
import { ClosableHub } from './closable-hub.js';
import {
  clientIdInUseHint,
  connectionLostHint,
  handshakeTimeoutHint,
  refusedAtStartHint,
  unreachableHint,
} from './connection-hints.js';
import type { BrokerStateChange, ConnectivityLoss, FeedConnection } from './feed-connection.js';
import {
  type IbAdapterOptions,
  type ResolvedIbAdapterOptions,
  resolveIbAdapterOptions,
} from './ib-adapter-options.js';
import { ReconnectBackoff } from './reconnect-backoff.js';
import { classifyNotice, parseManagedAccounts } from './tws-notice.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The life of one IBApi socket, over and over: connect, wait for the API session (nextValidId,
 * not `connected`), report TWS's connectivity notices, and after any loss reconnect with backoff.
 * Requests go out only while the session is up: @stoqey/ib queues anything sent while
 * disconnected and replays it on the next connection, which would double every subscription.
 * The adapter is this connection with the position feed on it: it implements the hooks below.
 */
export abstract class IbConnection implements FeedConnection {
  protected readonly api: IBApi;
  protected readonly o: ResolvedIbAdapterOptions;
  protected readonly log: Logger;
  readonly #backoff: ReconnectBackoff;
  readonly #states: ClosableHub<BrokerStateChange>;
  /** The kinds of trouble told at warn level in this outage; the retries after that go to debug. */
  readonly #reported = new Set<'outage' | 'client-id' | 'handshake'>();
  #state: BrokerState = 'DISCONNECTED';
  #running = false;
  #stopped: Promise<void> | undefined;
  #socketOpen = false;
  #apiReady = false;
  #loss: ConnectivityLoss | undefined;
  /** The coming close is not an outage: we asked for it, or TWS announced it (326). */
  #closeExpected = false;
  #disconnecting = false;
  #everConnected = false;
  /** Cancelling twice, or after the timer ran, does nothing. */
  #cancelReconnect: Cancel = () => {};
  #cancelHandshake: Cancel = () => {};
  #accountsListed = false;
  /** What status() reports besides the state and the settings. */
  readonly #facts: Mutable<Omit<BrokerStatus, 'state' | 'host' | 'port' | 'clientId'>> = {
    accounts: [],
    serverVersion: null,
    connectedSince: null,
    lastMessageAt: null,
    lastError: null,
  };

  constructor(settings: IbAdapterOptions) {
    const o = resolveIbAdapterOptions(settings);
    this.o = o;
    this.log = o.logger.child({ component: 'ib' });
    // Host, port, client id and rate all explicit: the npm build has no defaults, and any missing
    // one makes it read a .env file from the working directory.
    const api = new IBApi({
      host: o.host,
      port: o.port,
      clientId: o.clientId,
      maxReqPerSec: o.maxRequestsPerSecond,
    });
    this.api = api;
    this.#backoff = new ReconnectBackoff(o.backoff, o.random);
    this.#states = new ClosableHub(this.log, 'broker state');
    api.on(EventName.connected, () => this.#onConnected());
    api.on(EventName.server, (version: number) => {
      this.#facts.serverVersion = version;
    });
    api.on(EventName.nextValidId, () => this.#onNextValidId());
    api.on(EventName.managedAccounts, (list: string) => this.#onManagedAccounts(list));
    api.on(EventName.disconnected, () => this.#onDisconnected());
    api.on(EventName.info, (message: string, code: number) => this.#onInfo(message, code));
    api.on(EventName.error, (error: Error, code: ErrorCode, reqId: number) =>
      this.#onError(error, code, reqId),
    );
    api.on(EventName.received, () => {
      this.#facts.lastMessageAt = this.o.clock.now();
    });
  }

  get state(): BrokerState {
    return this.#state;
  }

  get canSend(): boolean {
    return this.#running && this.#socketOpen && this.#apiReady && this.api.isConnected;
  }

  /** The notice that made TWS's data unreliable, while it lasts. */
  get connectivityLoss(): ConnectivityLoss | undefined {
    return this.#loss;
  }

  /** The accounts TWS listed on the current socket; undefined until it has listed them. */
  get sessionAccounts(): readonly string[] | undefined {
    return this.#socketOpen && this.#accountsListed ? this.#facts.accounts : undefined;
  }

  get endpoint(): string {
    return `${this.o.host}:${this.o.port}`;
  }

  onStateChange(listener: (change: BrokerStateChange) => void): () => void {
    return this.#states.subscribe(listener);
  }

  stateChanges(): AsyncIterableIterator<BrokerStateChange> {
    return this.#states.iterate();
  }

  status(): BrokerStatus {
    const { host, port, clientId } = this.o;
    return { state: this.#state, host, port, clientId, ...this.#facts, accounts: [...this.#facts.accounts] };
  }

  /** nextValidId on a fresh socket: the API session is up and requests may be sent. */
  protected abstract apiReady(): void;
  protected abstract accountsListed(accounts: readonly string[]): void;
  /** The socket is gone, and every answer still owed on it. */
  protected abstract socketClosed(): void;
  protected abstract connectivityLost(loss: ConnectivityLoss): void;
  /** 1101 (data lost: subscriptions must be made again) or 1102 (data kept). */
  protected abstract connectivityRestored(dataLost: boolean): void;
  /**
   * An error carrying a request id, from TWS or from the client: true when the id is one of the
   * feed's requests (it has dealt with it); false leaves it to the connection to report.
   */
  protected abstract requestError(reqId: number, code: number, message: string): boolean;

  /** Connects in the background and keeps reconnecting until `stop()`; never throws for an outage. */
  start(): void {
    if (this.#stopped) throw new Error('a stopped IB adapter cannot start again; create a new one');
    if (this.#running) return;
    this.#running = true;
    this.#connect();
  }

  /** Disconnects, cancels every timer and ends the state iterators. */
  stop(): Promise<void> {
    this.#stopped ??= this.#stop();
    return this.#stopped;
  }

  async #stop(): Promise<void> {
    this.#running = false;
    this.#cancelReconnect();
    this.#cancelHandshake();
    if (this.#socketOpen) {
      const closed = new Promise((resolve) => this.api.once(EventName.disconnected, resolve));
      this.#closeOnPurpose();
      await closed;
    }
    this.#states.close();
    this.api.removeAllListeners();
  }

  /**
   * Drops the socket on purpose and connects again: a fresh connection is the only way to be
   * sure again which answer belongs to which request.
   */
  resync(reason: string): void {
    if (!this.#running || !this.#socketOpen || this.#disconnecting) return;
    this.log.warn(`reconnecting to TWS to start over: ${reason}`, { endpoint: this.endpoint });
    this.#closeOnPurpose();
  }

  /** The session has its starting state: the next outage is reported again and backs off from the start. */
  protected markHealthy(): void {
    this.#backoff.reset();
    this.#reported.clear();
  }

  /** Sends a request while the session is up; false, sending nothing, when it is not. */
  send(request: (api: IBApi) => unknown): boolean {
    if (!this.canSend) return false;
    request(this.api);
    return true;
  }

  #connect(): void {
    if (!this.#running) return;
    this.#socketOpen = true;
    this.#apiReady = false;
    this.#accountsListed = false;
    this.#closeExpected = false;
    this.#disconnecting = false;
    this.#setState('CONNECTING');
    this.#cancelHandshake = this.o.clock.schedule(this.o.handshakeTimeoutMs, () =>
      this.#onHandshakeTimeout(),
    );
    this.api.connect(this.o.clientId);
  }

  #closeOnPurpose(): void {
    this.#closeExpected = true;
    // A second disconnect() on a closing socket only earns an "already disconnected" notice.
    if (this.#disconnecting) return;
    this.#disconnecting = true;
    this.api.disconnect();
  }

  #onConnected(): void {
    this.#everConnected = true;
    this.#facts.connectedSince = this.o.clock.now();
    this.#setState('CONNECTED');
  }

  #onNextValidId(): void {
    // TWS also sends nextValidId in answer to reqIds; only the first one opens the session.
    if (this.#apiReady || !this.#socketOpen) return;
    this.#apiReady = true;
    this.#cancelHandshake();
    this.#setState(this.#loss ? 'CONNECTED' : 'READY');
    this.log.info('connected to TWS', {
      endpoint: this.endpoint,
      clientId: this.o.clientId,
      serverVersion: this.#facts.serverVersion,
      accounts: this.#facts.accounts.join(','),
    });
    this.apiReady();
  }

  #onManagedAccounts(list: string): void {
    this.#facts.accounts = parseManagedAccounts(list);
    this.#accountsListed = true;
    this.accountsListed(this.#facts.accounts);
  }

  #onDisconnected(): void {
    const wasUp = this.#state === 'CONNECTED' || this.#state === 'READY';
    const onPurpose = this.#closeExpected;
    this.#closeExpected = false;
    this.#disconnecting = false;
    this.#socketOpen = false;
    this.#apiReady = false;
    this.#accountsListed = false;
    this.#loss = undefined;
    this.#facts.connectedSince = null;
    this.#cancelHandshake();
    this.#setState('DISCONNECTED');
    this.socketClosed();
    if (!this.#running) return;
    if (wasUp && !onPurpose) this.#report('outage', connectionLostHint(this.o.host, this.o.port));
    const delayMs = this.#backoff.next();
    this.log.debug('reconnecting to TWS', {
      endpoint: this.endpoint,
      attempt: this.#backoff.attempts,
      delayMs,
    });
    this.#cancelReconnect = this.o.clock.schedule(delayMs, () => this.#connect());
  }

  #onHandshakeTimeout(): void {
    if (!this.#socketOpen || this.#apiReady) return;
    const { host, port, handshakeTimeoutMs } = this.o;
    if (this.#state === 'CONNECTED')
      this.#report('handshake', handshakeTimeoutHint(host, port, handshakeTimeoutMs));
    else this.#report('outage', unreachableHint(host, port, `no answer within ${handshakeTimeoutMs} ms`));
    this.#facts.lastError = `no API session within ${handshakeTimeoutMs} ms`;
    this.#closeOnPurpose();
  }

  #onInfo(message: string, code: number): void {
    const notice = classifyNotice(code);
    switch (notice.kind) {
      case 'client-id-in-use':
        this.#facts.lastError = `${code}: ${message}`;
        // TWS closes the socket itself; the reconnect that follows is expected, not an outage.
        this.#closeExpected = true;
        this.#report('client-id', clientIdInUseHint(this.o.host, this.o.port, this.o.clientId));
        return;
      case 'connectivity-lost':
        this.#facts.lastError = `${code}: ${message}`;
        this.#loss = { code, message };
        if (this.#state === 'READY') this.#setState('CONNECTED');
        this.log.warn('TWS lost its connection to IB: broker data is unreliable until it is restored', {
          code,
          message,
        });
        this.connectivityLost(this.#loss);
        return;
      case 'connectivity-restored':
        this.#loss = undefined;
        if (this.#apiReady) this.#setState('READY');
        this.log.info(
          `TWS restored its connection to IB, data ${notice.dataLost ? 'lost: subscribing again' : 'kept'}`,
          {
            code,
          },
        );
        this.connectivityRestored(notice.dataLost);
        return;
      case 'farm-ok':
      case 'status':
        // 2110 has no restored code of its own: the farms reconnecting is the sign.
        if (notice.kind === 'farm-ok' && this.#loss?.code === 2110) {
          this.#loss = undefined;
          if (this.#apiReady) this.#setState('READY');
          this.log.info('TWS reports its data farms connected again', { code, message });
        } else this.log.debug('TWS notice', { code, message });
        return;
      case 'other':
        this.log.warn('TWS notice', { code, message });
        return;
    }
  }

  #onError(error: Error, code: ErrorCode, reqId: number): void {
    const message = error instanceof Error ? error.message : String(error);
    const { host, port } = this.o;
    // An error about one of the feed's requests is the feed's to judge (even 503, which for a
    // request means this TWS does not know it, not that the connection is unusable).
    if (reqId !== ErrorCode.NO_VALID_ID && this.requestError(reqId, code, message)) {
      this.#facts.lastError = `${code}: ${message}`;
      return;
    }
    if (code === ErrorCode.CONNECT_FAIL) {
      this.#facts.lastError = message;
      // The same code reports a socket error on a connection that was up: that is a loss.
      if (this.#state === 'CONNECTED' || this.#state === 'READY') {
        this.#report('outage', connectionLostHint(host, port), { reason: message });
      } else if (!this.#everConnected && message.includes('ECONNREFUSED')) {
        this.#report('outage', refusedAtStartHint(host, port));
      } else {
        this.#report('outage', unreachableHint(host, port, message));
      }
      return;
    }
    this.#facts.lastError = `${code}: ${message}`;
    // The client drops a server it cannot talk to (version out of its range, TWS too old): that
    // is the outage of this connection, and it will repeat on every retry.
    if (code === ErrorCode.UNSUPPORTED_VERSION || code === ErrorCode.UPDATE_TWS) {
      this.#report('outage', unreachableHint(host, port, `${code}: ${message}`));
      return;
    }
    this.log.warn('TWS API error', { code, reqId, message });
  }

  /** Tells a person about each kind of trouble once per outage, so a long outage does not flood the log. */
  #report(problem: 'outage' | 'client-id' | 'handshake', message: string, extra: LogFields = {}): void {
    const fields = { endpoint: this.endpoint, clientId: this.o.clientId, ...extra };
    if (this.#reported.has(problem)) this.log.debug(message, fields);
    else this.log.warn(message, fields);
    this.#reported.add(problem);
  }

  #setState(next: BrokerState): void {
    if (next === this.#state) return;
    const previous = this.#state;
    this.#state = next;
    this.#states.publish({ state: next, previous, at: this.o.clock.now() });
  }
}
