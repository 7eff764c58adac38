import type { Cancel, Clock } from '../../domain/clock.js';
import type { ClientConnection } from './client-connection.js';
import type { SimulatedPosition } from './simulated-book.js';

/**
 * The reqPositions feed: a snapshot of every row of every account followed by POSITION_END, then
 * a push of each change to every subscribed connection. POSITION_END can be delayed or withheld
 * to show a client a snapshot that does not complete.
 */
export class PositionFeed {
  readonly #subscribers = new Set<ClientConnection>();
  readonly #pendingEnds = new Map<ClientConnection, Set<Cancel>>();
  #withholdEnd = false;
  #endDelayMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onWithheld: (connection: ClientConnection) => void,
  ) {}

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** While on, snapshots end without POSITION_END; those ends are never sent, as a stuck TWS. */
  withholdEnd(on: boolean): void {
    this.#withholdEnd = on;
  }

  delayEnd(ms: number): void {
    this.#endDelayMs = ms;
  }

  /** REQ_POSITIONS: (re)subscribes and sends the full snapshot. */
  subscribe(connection: ClientConnection, snapshot: readonly SimulatedPosition[]): void {
    this.#subscribers.add(connection);
    for (const position of snapshot) connection.send((e) => e.position(position));
    if (this.#withholdEnd) {
      this.onWithheld(connection);
      return;
    }
    if (this.#endDelayMs <= 0) {
      connection.send((e) => e.positionEnd());
      return;
    }
    const pending = this.#pendingEnds.get(connection) ?? new Set<Cancel>();
    this.#pendingEnds.set(connection, pending);
    const cancel = this.clock.schedule(this.#endDelayMs, () => {
      pending.delete(cancel);
      connection.send((e) => e.positionEnd());
    });
    pending.add(cancel);
  }

  /** CANCEL_POSITIONS, a closed socket, or a feed lost with 1101. */
  unsubscribe(connection: ClientConnection): void {
    this.#subscribers.delete(connection);
    for (const cancel of this.#pendingEnds.get(connection) ?? []) cancel();
    this.#pendingEnds.delete(connection);
  }

  unsubscribeAll(): void {
    for (const connection of [...this.#subscribers]) this.unsubscribe(connection);
  }

  push(position: SimulatedPosition): void {
    for (const connection of this.#subscribers) connection.send((e) => e.position(position));
  }
}
