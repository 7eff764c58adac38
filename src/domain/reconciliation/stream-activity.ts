import { keyId } from '../position.js';
import type { PositionEvent } from '../position-update.js';

/**
 * When each key last moved on the live feed. Price refreshes are not movement. The feed's starting
 * list after a connect (source SNAPSHOT) is stored before the broker is in sync, so it
 * cannot race a snapshot; rows the service writes itself (EXPIRY, MANUAL) are not the feed.
 */
export class StreamActivity {
  readonly #lastMove = new Map<string, Date>();

  record(event: PositionEvent): void {
    if (event.change === 'REFRESHED') return;
    if (event.position.source !== 'STREAM') return;
    this.#lastMove.set(keyId(event.position), event.at);
  }

  /** A copy, so a run judges against one consistent view. */
  view(): ReadonlyMap<string, Date> {
    return new Map(this.#lastMove);
  }

  /** Forgets moves older than `before`; they can no longer defer anything. */
  prune(before: Date): void {
    for (const [id, at] of this.#lastMove) if (at.getTime() < before.getTime()) this.#lastMove.delete(id);
  }
}
