import { toNumber } from './duckdb-sql.js';
import type { DuckDbStore } from './open-store.js';

/**
 * The sequence of the latest discrepancy event stored, 0 before the first. Events are recorded one
 * transaction at a time in sequence order, so every event after this one has a higher sequence:
 * read before a list of discrepancies, it is a cursor that misses nothing the list does not show.
 */
export async function latestDiscrepancyEventSequence(store: DuckDbStore): Promise<number> {
  const [row] = await store.read('SELECT coalesce(max(sequence), 0) AS latest FROM discrepancy_events');
  return toNumber(row?.latest ?? 0);
}
