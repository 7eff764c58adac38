import type { BrokerPosition } from '../../domain/broker-view.js';
import { BrokerUnavailableError } from '../../domain/errors.js';
import type { CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { compareKeys } from '../../domain/position.js';
import type { PositionRow } from './ib-rows.js';

/** A snapshot waiting for the end of its requests; every caller awaits the same promise. */
export class PendingSnapshot {
  readonly promise: Promise<CompleteSnapshot>;
  #resolve!: (snapshot: CompleteSnapshot) => void;
  #reject!: (error: Error) => void;

  constructor(readonly startedAt: Date) {
    this.promise = new Promise<CompleteSnapshot>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Every request ended: `rows` are the broker's whole book. */
  complete(rows: Iterable<PositionRow>, completedAt: Date): void {
    const positions: BrokerPosition[] = [...rows]
      .map((row) => ({
        account: row.account,
        conId: row.contract.conId,
        contract: row.contract,
        quantity: row.quantity,
        averageCost: row.averageCost,
      }))
      .sort(compareKeys);
    this.#resolve({ startedAt: this.startedAt, completedAt, positions });
  }

  fail(reason: string): void {
    this.#reject(new BrokerUnavailableError(reason));
  }
}
