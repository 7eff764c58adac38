import { describe, expect, it } from 'vitest';
import { discrepancyAlert } from '../../src/domain/alerts/alert.js';
import type { PlannedDelivery } from '../../src/domain/alerts/alert-route.js';
import type { Discrepancy } from '../../src/domain/discrepancy.js';
import type { AlertOutboxPort } from '../../src/domain/ports/alert-outbox-port.js';
import { mismatchDiscrepancy, nakedDiscrepancy, recorded } from './discrepancies.js';

export interface OutboxUnderTest<Tx> {
  readonly outbox: AlertOutboxPort<Tx>;
  /** Runs `write` in one transaction of the store behind the outbox. */
  readonly inTransaction: (write: (tx: Tx) => Promise<void>) => Promise<void>;
  readonly close?: () => Promise<void>;
}

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 30_000;

function planned(
  routeId: string,
  d: Discrepancy,
  sequence: number,
  kind: 'OPENED' | 'RESOLVED',
): PlannedDelivery {
  const alert = discrepancyAlert(recorded(kind, d, sequence), d, 'run-1');
  if (!alert) throw new Error('expected an alert');
  return { routeId, alert };
}

/**
 * What every outbox adapter must do, run against each one (in memory today; the store's own table
 * runs the same cases).
 */
export function describeAlertOutbox<Tx>(name: string, open: () => Promise<OutboxUnderTest<Tx>>): void {
  describe(`alert outbox: ${name}`, () => {
    async function withOutbox(test: (u: OutboxUnderTest<Tx>) => Promise<void>) {
      const u = await open();
      try {
        await test(u);
      } finally {
        await u.close?.();
      }
    }
    const naked = nakedDiscrepancy();
    const mismatch = mismatchDiscrepancy();

    it("claims a subject's deliveries on a route one at a time, in order", () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) =>
          outbox.enqueue(
            [
              planned('r', naked, 1, 'OPENED'),
              planned('r', mismatch, 2, 'OPENED'),
              planned('r', naked, 3, 'RESOLVED'),
            ],
            T0,
            tx,
          ),
        );
        const first = await outbox.claimDue('r', T0, 10, LEASE);
        expect(first.map((d) => d.alert.eventId)).toEqual(['d-naked-1:1', 'd-mismatch-1:2']);
        expect(await outbox.claimDue('r', T0, 10, LEASE)).toEqual([]);
        await outbox.markSent(first[0]!.id, at(10));
        const second = await outbox.claimDue('r', at(10), 10, LEASE);
        expect(second.map((d) => d.alert.eventId)).toEqual(['d-naked-1:3']);
      }));

    it('a retry waits until it is due and keeps the later deliveries of its subject behind it', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) =>
          outbox.enqueue([planned('r', naked, 1, 'OPENED'), planned('r', naked, 2, 'RESOLVED')], T0, tx),
        );
        const [d] = await outbox.claimDue('r', T0, 10, LEASE);
        await outbox.markRetry(d!.id, at(5000), 'HTTP 500');
        expect(await outbox.claimDue('r', at(4999), 10, LEASE)).toEqual([]);
        const again = await outbox.claimDue('r', at(5000), 10, LEASE);
        expect(again).toHaveLength(1);
        expect(again[0]).toMatchObject({ id: d!.id, attempts: 1, lastError: 'HTTP 500', state: 'PENDING' });
        await outbox.markDead(d!.id, at(6000), 'HTTP 500');
        // Given up: the subject's next delivery is no longer held back.
        const next = await outbox.claimDue('r', at(6000), 10, LEASE);
        expect(next.map((x) => x.alert.kind)).toEqual(['RESOLVED']);
      }));

    it('a claim whose lease ran out is due again (the process that claimed it died)', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) => outbox.enqueue([planned('r', naked, 1, 'OPENED')], T0, tx));
        expect(await outbox.claimDue('r', T0, 10, LEASE)).toHaveLength(1);
        expect(await outbox.claimDue('r', at(LEASE - 1), 10, LEASE)).toHaveLength(0);
        expect(await outbox.claimDue('r', at(LEASE), 10, LEASE)).toHaveLength(1);
      }));

    it('routes are independent, and a limit caps one claim', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) =>
          outbox.enqueue(
            [
              planned('a', naked, 1, 'OPENED'),
              planned('b', naked, 1, 'OPENED'),
              planned('a', mismatch, 2, 'OPENED'),
            ],
            T0,
            tx,
          ),
        );
        expect((await outbox.claimDue('a', T0, 1, LEASE)).map((d) => d.alert.eventId)).toEqual([
          'd-naked-1:1',
        ]);
        expect((await outbox.claimDue('b', T0, 10, LEASE)).map((d) => d.routeId)).toEqual(['b']);
      }));

    it('the same alert enqueued twice for a route is kept once', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) => outbox.enqueue([planned('r', naked, 1, 'OPENED')], T0, tx));
        await inTransaction((tx) => outbox.enqueue([planned('r', naked, 1, 'OPENED')], at(1), tx));
        expect(await outbox.claimDue('r', at(1), 10, LEASE)).toHaveLength(1);
        expect(await outbox.claimDue('r', at(LEASE + 1), 10, LEASE)).toHaveLength(1);
      }));

    it('knows which routes took an opening alert of each subject, whatever became of it', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) =>
          outbox.enqueue([planned('a', naked, 1, 'OPENED'), planned('b', mismatch, 2, 'RESOLVED')], T0, tx),
        );
        const [d] = await outbox.claimDue('a', T0, 10, LEASE);
        await outbox.markDead(d!.id, at(1), 'HTTP 400');
        let opened: ReadonlyMap<string, ReadonlySet<string>> = new Map();
        await inTransaction(async (tx) => {
          opened = await outbox.openedRoutes([naked.id, mismatch.id, 'unknown'], tx);
        });
        expect([...(opened.get(naked.id) ?? [])]).toEqual(['a']);
        expect(opened.get(mismatch.id)).toBeUndefined();
      }));

    it('a finished delivery stays finished', () =>
      withOutbox(async ({ outbox, inTransaction }) => {
        await inTransaction((tx) => outbox.enqueue([planned('r', naked, 1, 'OPENED')], T0, tx));
        const [d] = await outbox.claimDue('r', T0, 10, LEASE);
        await outbox.markSent(d!.id, at(1));
        await outbox.markRetry(d!.id, at(2), 'late failure');
        expect(await outbox.claimDue('r', at(LEASE * 2), 10, LEASE)).toEqual([]);
      }));
  });
}
