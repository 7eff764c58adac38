/** The items of `source` that pass `keep`; returning the result returns the source. */
export function filterIterator<T>(
  source: AsyncIterableIterator<T>,
  keep: (item: T) => boolean,
): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done || keep(result.value)) return result;
      }
    },
    return: async (value?: unknown) => (await source.return?.(value)) ?? { value: undefined, done: true },
    throw: async (error?: unknown) => (await source.throw?.(error)) ?? { value: undefined, done: true },
  };
}
