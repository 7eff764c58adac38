import { DomainError } from '../../domain/errors.js';
import { filterIterator } from '../../domain/filter-iterator.js';
import type { Page, PageRequest } from '../../domain/page.js';
import { keyId, type Position, type PositionKey } from '../../domain/position.js';
import {
  compareBookOrder,
  matchesPositionFilter,
  type PositionFilter,
} from '../../domain/position-filter.js';
import { type PositionEvent, supersedes } from '../../domain/position-update.js';
import { resumeThenLive } from '../../domain/resumable-stream.js';
import type { RowReader } from './duckdb-sql.js';
import { MAX_PAGE_SIZE, pageAfter, pageSize } from './page-request.js';
import { storedBookAsOf, storedEventsAfter, storedHistory } from './position-queries.js';
import type { SequencedPosition } from './position-rows.js';
import type { UpdateBuffer } from './update-buffer.js';

export interface FollowOptions {
  /** Replay the events after this sequence before going live; without it, only live events. */
  readonly after?: number | undefined;
  readonly filter?: Omit<PositionFilter, 'includeClosed'> | undefined;
  /** How far a consumer may fall behind before its stream ends with ConsumerTooSlowError. */
  readonly maxPending?: number | undefined;
  /** End after replaying what came after `after`, instead of going live. */
  readonly replayOnly?: boolean | undefined;
}

const DEFAULT_MAX_PENDING = 10_000;

/** Registers a live listener and its end (the writer closing); returns the unsubscribe. */
export type SubscribeToEvents = (onEvent: (event: PositionEvent) => void, onEnd: () => void) => () => void;

/**
 * The position read model: the book, its history and its events, seeing updates still in the
 * writer's buffer as if they were stored. Each read takes its snapshot of the buffer before
 * querying the file: an update committed in between is then found in one place or both (and
 * counted once), never in neither. Built by the PositionWriter over its book and buffer.
 */
export class PositionReadModel {
  constructor(
    private readonly read: RowReader,
    private readonly buffer: UpdateBuffer,
    private readonly book: ReadonlyMap<string, SequencedPosition>,
    private readonly subscribe: SubscribeToEvents,
  ) {}

  /**
   * A resumable stream of events: replays those after `after` (file and buffer), then goes live,
   * with no gap and no duplicate; it ends when the writer closes. Closed positions are events too,
   * whatever the filter says.
   */
  follow(options: FollowOptions = {}): AsyncIterableIterator<PositionEvent> {
    const events = resumeThenLive<PositionEvent>(
      {
        after: options.after,
        replayOnly: options.replayOnly ?? false,
        sequenceOf: (event) => event.sequence,
        replay: (after) => this.eventsAfter(after, MAX_PAGE_SIZE),
        subscribe: this.subscribe,
      },
      { maxPending: options.maxPending ?? DEFAULT_MAX_PENDING },
    );
    const filter = { ...options.filter, includeClosed: true };
    return filterIterator(events, (event) => matchesPositionFilter(event.position, filter));
  }

  /** The current book, buffered updates included. */
  positions(filter?: PositionFilter): Position[] {
    const result: Position[] = [];
    for (const { position } of this.book.values()) {
      if (matchesPositionFilter(position, filter)) result.push(position);
    }
    return result.sort(compareBookOrder);
  }

  /** The current state of one key, closed or not; undefined if the key was never seen. */
  position(key: PositionKey): Position | undefined {
    return this.book.get(keyId(key))?.position;
  }

  /** The book as it stood at `at`: each key's latest applied update observed by then. */
  async positionsAsOf(at: Date, filter?: PositionFilter): Promise<Position[]> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
      throw new DomainError('BAD_USER_INPUT', 'positionsAsOf needs a valid instant');
    }
    const buffered = this.buffer.snapshot();
    const byKey = new Map<string, SequencedPosition>();
    for (const stored of await storedBookAsOf(this.read, at)) byKey.set(keyId(stored.position), stored);
    for (const { update, event } of buffered) {
      if (!event || update.brokerTime.getTime() > at.getTime()) continue;
      const id = keyId(update);
      const known = byKey.get(id);
      if (!known || supersedes(update, { brokerTime: known.position.updatedAt, sequence: known.sequence })) {
        byKey.set(id, { position: event.position, sequence: update.sequence });
      }
    }
    const result = [...byKey.values()].map((s) => s.position).filter((p) => matchesPositionFilter(p, filter));
    return result.sort(compareBookOrder);
  }

  /** One key's applied updates, newest first, a page at a time. */
  /** Newest first: the next page holds older events. */
  async history(key: PositionKey, page: PageRequest): Promise<Page<PositionEvent>> {
    const first = pageSize(page.first);
    const before = page.after === undefined ? undefined : pageAfter(page.after);
    const id = keyId(key);
    const buffered = this.buffer
      .snapshot()
      .flatMap(({ update, event }) =>
        event && keyId(update) === id && (before === undefined || event.sequence < before) ? [event] : [],
      );
    const stored = await storedHistory(this.read, key, before, first + 1);
    const merged = mergeBySequence(stored, buffered).reverse();
    return { items: merged.slice(0, first), hasNextPage: merged.length > first };
  }

  /** Applied events with a sequence above `after`, oldest first: what a resuming subscriber missed. */
  async eventsAfter(after: number, limit = MAX_PAGE_SIZE): Promise<PositionEvent[]> {
    const size = pageSize(limit);
    pageAfter(after);
    const buffered = this.buffer
      .snapshot()
      .flatMap(({ event }) => (event && event.sequence > after ? [event] : []));
    const stored = await storedEventsAfter(this.read, after, size);
    return mergeBySequence(stored, buffered).slice(0, size);
  }
}

/** Both lists' events once each, oldest first. */
function mergeBySequence(a: readonly PositionEvent[], b: readonly PositionEvent[]): PositionEvent[] {
  const bySequence = new Map<number, PositionEvent>();
  for (const event of a) bySequence.set(event.sequence, event);
  for (const event of b) if (!bySequence.has(event.sequence)) bySequence.set(event.sequence, event);
  return [...bySequence.values()].sort((x, y) => x.sequence - y.sequence);
}
