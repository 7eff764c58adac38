import { randomUUID } from 'node:crypto';
import type { StartingListCause } from '../../domain/catch-up.js';
import type { FeedItem } from '../../domain/feed-item.js';
import type { Position } from '../../domain/position.js';
import type { PositionUpdate } from '../../domain/position-update.js';
import type { Logger } from '../logger.js';
import type { ResolvedIbAdapterOptions } from './ib-adapter-options.js';

/**
 * The order in which the feed hands its rows on (docs/reconciliation-rules.md §12). A starting
 * list is held until its end marker and delivered then as one item (rows of source SNAPSHOT), so
 * that it can be compared with the store as it was before any of it is stored; updates that
 * arrive meanwhile (the portfolio download) are held too and follow it, in order.
 */
export class FeedDelivery {
  /** Starting lists being received, by their request: the latest row per key, and why it was asked. */
  readonly #lists = new Map<
    object,
    { readonly cause: StartingListCause; readonly rows: Map<string, Position> }
  >();
  #held: Position[] = [];
  /** Makes each idempotency key unique to its message, also across runs sharing a store. */
  readonly #keyPrefix = randomUUID();

  constructor(
    private readonly o: ResolvedIbAdapterOptions,
    private readonly log: Logger,
    private readonly publish: (item: FeedItem) => void,
  ) {}

  beginList(request: object, cause: StartingListCause): void {
    this.#lists.set(request, { cause, rows: new Map() });
  }

  listRow(request: object, key: string, position: Position): void {
    this.#lists.get(request)?.rows.set(key, position);
  }

  /** The list is complete: delivered as one item, then what was held behind it. */
  deliverList(request: object): void {
    const list = this.#lists.get(request);
    if (!list) return;
    this.#lists.delete(request);
    // Stamped now, not on arrival: the store takes sequences in the order it receives them.
    const rows = [...list.rows.values()].map((p) => this.#stamp(p));
    this.publish({
      kind: 'starting-list',
      list: { cause: list.cause, receivedAt: this.o.clock.now(), rows },
    });
    if (this.#lists.size === 0) this.#releaseHeld();
  }

  /**
   * A starting list cut short (the socket dropped) proves nothing and is not delivered: the next
   * connection sends a new one. What was held behind it is still what TWS said, and follows.
   */
  dropLists(): void {
    this.#lists.clear();
    this.#releaseHeld();
  }

  emit(position: Position): void {
    try {
      if (this.#lists.size > 0) this.#held.push(position);
      else this.publish({ kind: 'update', update: this.#stamp(position) });
    } catch (error) {
      this.log.error('could not publish a position update', { error, account: position.account });
    }
  }

  #releaseHeld(): void {
    const held = this.#held;
    this.#held = [];
    for (const p of held) this.publish({ kind: 'update', update: this.#stamp(p) });
  }

  /** The update the store takes, with its ingest sequence; the book's time is when it was received. */
  #stamp({ updatedAt, ...position }: Position): PositionUpdate {
    const sequence = this.o.nextSequence();
    return {
      ...position,
      brokerTime: updatedAt,
      sequence,
      idempotencyKey: `ib:${this.#keyPrefix}:${sequence}`,
    };
  }
}
