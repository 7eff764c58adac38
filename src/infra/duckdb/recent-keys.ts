/**
 * The idempotency keys seen most recently, up to a capacity: how the writer recognises a duplicate
 * at once, without a query. Older duplicates are still stored only once (the database's unique
 * key catches them), but are not recognised before they are written.
 */
export class RecentKeys {
  readonly #keys = new Set<string>();

  constructor(readonly capacity: number) {}

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  add(key: string): void {
    this.#keys.add(key);
    if (this.#keys.size <= this.capacity) return;
    // A Set iterates in insertion order: the first key is the oldest.
    const oldest = this.#keys.values().next();
    if (!oldest.done) this.#keys.delete(oldest.value);
  }

  get size(): number {
    return this.#keys.size;
  }
}
