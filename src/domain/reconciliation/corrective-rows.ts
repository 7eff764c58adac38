import type { BrokerPosition } from '../broker-view.js';
import type { Discrepancy } from '../discrepancy.js';
import type { Position, PositionSource } from '../position.js';
import type { PositionUpdate } from '../position-update.js';

type Sequence = () => number;

function row(
  base: Pick<Position, 'account' | 'conId' | 'contract'> & { averageCost?: number | undefined },
  quantity: number,
  source: PositionSource,
  idempotencyKey: string,
  at: Date,
  nextSequence: Sequence,
): PositionUpdate {
  return {
    sequence: nextSequence(),
    idempotencyKey,
    account: base.account,
    conId: base.conId,
    contract: base.contract,
    quantity,
    ...(base.averageCost === undefined ? {} : { averageCost: base.averageCost }),
    source,
    brokerTime: at,
  };
}

/** Closes an option the broker dropped after expiry: explained, not naked. */
export function expiryRow(position: Position, at: Date, nextSequence: Sequence): PositionUpdate {
  const key = `expiry:${position.account}:${position.conId}:${position.contract.expiry ?? ''}`;
  return row(position, 0, 'EXPIRY', key, at, nextSequence);
}

/** A person accepted the broker's view of a discrepancy: the store takes the broker's quantity. */
export function manualRow(discrepancy: Discrepancy, at: Date, nextSequence: Sequence): PositionUpdate {
  return row(
    discrepancy,
    discrepancy.brokerQuantity ?? 0,
    'MANUAL',
    `manual:${discrepancy.id}`,
    at,
    nextSequence,
  );
}

/** Healing: the store takes the broker's row as the snapshot reported it. */
export function healingRow(
  broker: BrokerPosition,
  runId: string,
  at: Date,
  nextSequence: Sequence,
): PositionUpdate {
  return row(
    broker,
    broker.quantity,
    'SNAPSHOT',
    `heal:${runId}:${broker.account}:${broker.conId}`,
    at,
    nextSequence,
  );
}
