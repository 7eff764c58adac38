import { keyId } from '../../domain/position.js';
import {
  classifyChange,
  type PositionEvent,
  type PositionUpdate,
  supersedes,
} from '../../domain/position-update.js';

/** An update waiting to be written, with what it did to the book when it arrived. */
export interface BufferedUpdate {
  readonly update: PositionUpdate;
  /** The event it produced; undefined when it lost last-write-wins (it is history only). */
  readonly event: PositionEvent | undefined;
  /** The quantity its key held just before it was applied (undefined: the key was new). */
  readonly previousQuantity: number | undefined;
}

/**
 * The writer's buffer, oldest first. The oldest updates may be "in flight" (being written by the
 * current transaction): they stay readable until the transaction commits, and come back as
 * pending if it fails.
 */
export class UpdateBuffer {
  #entries: BufferedUpdate[] = [];
  #inFlight = 0;

  get size(): number {
    return this.#entries.length;
  }

  get pendingCount(): number {
    return this.#entries.length - this.#inFlight;
  }

  push(entry: BufferedUpdate): void {
    this.#entries.push(entry);
  }

  /** Marks up to `max` of the oldest updates as being written, and returns them. */
  takeBatch(max: number): readonly BufferedUpdate[] {
    if (this.#inFlight > 0) throw new Error('a batch is already being written');
    this.#inFlight = Math.min(max, this.#entries.length);
    return this.#entries.slice(0, this.#inFlight);
  }

  /** The batch committed: it leaves the buffer. */
  settleBatch(): void {
    this.#entries = this.#entries.slice(this.#inFlight);
    this.#inFlight = 0;
  }

  /** The batch failed: it stays, first in line for the retry. */
  releaseBatch(): void {
    this.#inFlight = 0;
  }

  /** True while any update with a sequence up to `sequence` is still buffered. */
  holdsUpTo(sequence: number): boolean {
    const oldest = this.#entries[0];
    return oldest !== undefined && oldest.update.sequence <= sequence;
  }

  get lastSequence(): number | undefined {
    return this.#entries.at(-1)?.update.sequence;
  }

  /** Every buffered update, in flight or not, oldest first: none of them is durable yet. */
  snapshot(): readonly BufferedUpdate[] {
    return this.#entries.slice();
  }

  /**
   * Keeps only the latest pending update of each key (the one that supersedes the others), so a
   * long outage costs memory per position, not per price tick. A kept update that replaces earlier
   * changes is re-classified against the quantity held before the first of them, so the history
   * still reads as a consistent run of changes. Returns how many updates were dropped.
   */
  collapse(): number {
    const pending = this.#entries.slice(this.#inFlight);
    const latest = new Map<string, BufferedUpdate>();
    const firstApplied = new Map<string, BufferedUpdate>();
    for (const entry of pending) {
      const id = keyId(entry.update);
      const best = latest.get(id);
      if (!best || supersedes(entry.update, best.update)) latest.set(id, entry);
      if (entry.event && !firstApplied.has(id)) firstApplied.set(id, entry);
    }
    const kept: BufferedUpdate[] = [];
    for (const entry of pending) {
      const id = keyId(entry.update);
      if (latest.get(id) !== entry) continue;
      const first = firstApplied.get(id);
      if (!entry.event || !first || first === entry) {
        kept.push(entry);
        continue;
      }
      const change = classifyChange(first.previousQuantity, entry.update.quantity);
      kept.push({ ...entry, previousQuantity: first.previousQuantity, event: { ...entry.event, change } });
    }
    this.#entries = [...this.#entries.slice(0, this.#inFlight), ...kept];
    return pending.length - kept.length;
  }
}
