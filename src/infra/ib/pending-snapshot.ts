import type { BrokerPosition } from '../../domain/broker-view.js';
import { BrokerUnavailableError } from '../../domain/errors.js';
import type { CompleteSnapshot } from '../../domain/ports/broker-port.js';
import { compareKeys } from '../../domain/position.js';
import type { PositionRow } from './ib-rows.js';
import type { PositionRequest } from './position-request-ledger.js';

/** A snapshot waiting for the positionEnd of its request; every caller awaits the same promise. */
export class PendingSnapshot {
  readonly promise: Promise<CompleteSnapshot>;
  #resolve!: (snapshot: CompleteSnapshot) => void;
  #reject!: (error: Error) => void;

  constructor(
    readonly request: PositionRequest<PositionRow>,
    readonly startedAt: Date,
  ) {
    this.promise = new Promise<CompleteSnapshot>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Its positionEnd arrived: the rows received for the request are the broker's whole book. */
  complete(completedAt: Date): void {
    const positions: BrokerPosition[] = [...this.request.rows.values()]
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
