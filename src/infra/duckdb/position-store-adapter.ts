import type { PositionStorePort } from '../../domain/ports/position-store-port.js';
import type { DuckDbStore } from './open-store.js';
import type { PositionWriter } from './position-writer.js';

/**
 * The reconciliation service's view of the store: the book as the writer holds it (buffered
 * updates included), the store's sequence, and rows the service decides, written through the
 * writer and flushed before the call returns.
 */
export function positionStoreAdapter(store: DuckDbStore, writer: PositionWriter): PositionStorePort {
  return {
    currentBook: async () => writer.readModel.positions({ includeClosed: true }),
    nextSequence: () => store.nextSequence(),
    append: async (updates) => {
      for (const update of updates) writer.enqueue(update);
      await writer.flush();
    },
    onEvent: (listener) => writer.onEvent(listener),
  };
}
