import type { ClientConnection } from './client-connection.js';
import type { Cancel } from './clock.js';
import type { EndMarkers } from './end-markers.js';
import type { SimulatedPosition } from './simulated-book.js';

/**
 * The reqPositions feed: a snapshot of every row of every account followed by POSITION_END, then
 * a push of each change to every subscribed connection. POSITION_END can be delayed or withheld
 * (see EndMarkers) to show a client a snapshot that does not complete.
 */
export class PositionFeed {
  readonly #subscribers = new Set<ClientConnection>();
  readonly #pendingEnds = new Map<ClientConnection, Set<Cancel>>();

  constructor(
    private readonly ends: EndMarkers,
    private readonly onWithheld: (connection: ClientConnection) => void,
  ) {}

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** REQ_POSITIONS: (re)subscribes and sends the full snapshot. */
  subscribe(connection: ClientConnection, snapshot: readonly SimulatedPosition[]): void {
    this.#subscribers.add(connection);
    for (const position of snapshot) connection.send((e) => e.position(position));
    const pending = this.#pendingEnds.get(connection) ?? new Set<Cancel>();
    // Declared first: without a delay the marker is sent before schedule() returns.
    let cancel: Cancel | undefined;
    cancel = this.ends.schedule(
      () => {
        if (cancel) pending.delete(cancel);
        connection.send((e) => e.positionEnd());
      },
      () => this.onWithheld(connection),
    );
    if (!cancel) return;
    pending.add(cancel);
    this.#pendingEnds.set(connection, pending);
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
