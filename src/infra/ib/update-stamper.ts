import { randomUUID } from 'node:crypto';
import type { Position } from '../../domain/position.js';
import type { PositionUpdate } from '../../domain/position-update.js';

/**
 * Gives each received row its ingest sequence and an idempotency key unique to that message:
 * a random prefix per adapter (so two runs sharing a store never collide) plus the sequence.
 */
export function createUpdateStamper(
  nextSequence: () => number,
): (position: Position, at: Date) => PositionUpdate {
  const prefix = randomUUID();
  return (position, at) => {
    const sequence = nextSequence();
    return {
      account: position.account,
      conId: position.conId,
      contract: position.contract,
      quantity: position.quantity,
      averageCost: position.averageCost,
      marketPrice: position.marketPrice,
      marketValue: position.marketValue,
      unrealizedPnl: position.unrealizedPnl,
      realizedPnl: position.realizedPnl,
      source: position.source,
      brokerTime: at,
      sequence,
      idempotencyKey: `ib:${prefix}:${sequence}`,
    };
  };
}
