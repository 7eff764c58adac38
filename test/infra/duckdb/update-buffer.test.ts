import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyId } from '../../../src/domain/position.js';
import { classifyChange, type PositionUpdate, supersedes } from '../../../src/domain/position-update.js';
import { positionFromUpdate } from '../../../src/infra/duckdb/position-rows.js';
import { type BufferedUpdate, UpdateBuffer } from '../../../src/infra/duckdb/update-buffer.js';
import { AAPL_230_P, SPY_550_P, SPY_600_C } from '../../support/contracts.js';

const CONTRACTS = [SPY_600_C, SPY_550_P, AAPL_230_P];

/** Feeds updates through last-write-wins as the writer does, into a buffer. */
function buffered(specs: readonly { key: number; quantity: number; minute: number }[]): UpdateBuffer {
  const buffer = new UpdateBuffer();
  const book = new Map<string, PositionUpdate>();
  specs.forEach((spec, i) => {
    const contract = CONTRACTS[spec.key % CONTRACTS.length] ?? SPY_600_C;
    const update: PositionUpdate = {
      sequence: i + 1,
      idempotencyKey: `k${i}`,
      account: 'DU1',
      conId: contract.conId,
      contract,
      quantity: spec.quantity,
      source: 'STREAM',
      brokerTime: new Date(Date.UTC(2026, 10, 25, 14, spec.minute)),
    };
    const current = book.get(keyId(update));
    const applied = !current || supersedes(update, current);
    if (applied) book.set(keyId(update), update);
    const change = classifyChange(current?.quantity, update.quantity);
    buffer.push({
      update,
      previousQuantity: applied ? current?.quantity : undefined,
      event: applied
        ? { sequence: update.sequence, change, position: positionFromUpdate(update), at: update.brokerTime }
        : undefined,
    });
  });
  return buffer;
}

const summary = (entries: readonly BufferedUpdate[]) =>
  entries.map((e) => [e.update.conId, e.update.quantity, e.event?.change ?? null]);

describe('update buffer collapse', () => {
  it('keeps the latest update per key and re-classifies it against the quantity before the outage', () => {
    const buffer = buffered([
      { key: 0, quantity: 5, minute: 0 },
      { key: 0, quantity: 7, minute: 1 },
      { key: 1, quantity: 2, minute: 1 },
      { key: 0, quantity: 0, minute: 2 },
      { key: 1, quantity: 3, minute: 0 }, // late and older: history only
    ]);
    expect(buffer.collapse()).toBe(3);
    expect(summary(buffer.snapshot())).toEqual([
      [SPY_550_P.conId, 2, 'OPENED'],
      // 5 → 7 → 0 from nothing: the position opened and closed again within the outage.
      [SPY_600_C.conId, 0, 'REFRESHED'],
    ]);
  });

  it('leaves the batch being written alone', () => {
    const buffer = buffered([
      { key: 0, quantity: 1, minute: 0 },
      { key: 0, quantity: 2, minute: 1 },
      { key: 0, quantity: 3, minute: 2 },
      { key: 0, quantity: 4, minute: 3 },
    ]);
    expect(buffer.takeBatch(2)).toHaveLength(2);
    expect(buffer.collapse()).toBe(1);
    expect(summary(buffer.snapshot()).map(([, q]) => q)).toEqual([1, 2, 4]);
    const kept = buffer.snapshot()[2];
    expect(kept?.event?.change).toBe('CHANGED');
    expect(kept?.previousQuantity).toBe(2);
    buffer.settleBatch();
    expect(buffer.size).toBe(1);
  });

  it('keeps exactly one update per key: the one that supersedes all the others', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ key: fc.nat(2), quantity: fc.integer({ min: -3, max: 3 }), minute: fc.nat(5) }),
          { minLength: 1, maxLength: 40 },
        ),
        (specs) => {
          const buffer = buffered(specs);
          const before = buffer.snapshot();
          const dropped = buffer.collapse();
          const after = buffer.snapshot();
          const keys = new Set(before.map((e) => keyId(e.update)));
          expect(after).toHaveLength(keys.size);
          expect(dropped).toBe(before.length - after.length);
          for (const kept of after) {
            const rivals = before.filter(
              (e) => keyId(e.update) === keyId(kept.update) && e.update.sequence !== kept.update.sequence,
            );
            for (const rival of rivals) expect(supersedes(kept.update, rival.update)).toBe(true);
          }
          const sequences = after.map((e) => e.update.sequence);
          expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
        },
      ),
    );
  });
});
