import type { StartingList } from './catch-up.js';
import type { PositionUpdate } from './position-update.js';

/**
 * One item of the broker feed's ordered stream: a live update, or a whole starting list delivered
 * at its end marker, so nothing that arrived after the list can overtake it.
 */
export type FeedItem =
  | { readonly kind: 'update'; readonly update: PositionUpdate }
  | { readonly kind: 'starting-list'; readonly list: StartingList };
