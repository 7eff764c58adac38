/** A promise that something else settles later, once: a run waiting its turn, a stop signal. */
export interface Settleable<T> {
  readonly promise: Promise<T>;
  resolve(value: T | PromiseLike<T>): void;
  reject(error: Error): void;
}

export function settleable<T>(): Settleable<T> {
  let resolve!: Settleable<T>['resolve'];
  let reject!: Settleable<T>['reject'];
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
