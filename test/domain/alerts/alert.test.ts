import { describe, expect, it } from 'vitest';
import { discrepancyAlert, healthAlert, testAlert } from '../../../src/domain/alerts/alert.js';
import { mismatchDiscrepancy, nakedDiscrepancy, recorded } from '../../support/discrepancies.js';

const AT = new Date('2026-11-25T15:05:00Z');

describe('alerts from discrepancy events', () => {
  it('OPENED, ACKNOWLEDGED and RESOLVED each make an alert keyed by the discrepancy id', () => {
    const d = nakedDiscrepancy();
    const opened = discrepancyAlert(recorded('OPENED', d, 11), undefined, 'run-1');
    const acked = discrepancyAlert(recorded('ACKNOWLEDGED', { ...d, status: 'ACKNOWLEDGED' }, 12), d, null);
    const resolved = discrepancyAlert(recorded('RESOLVED', { ...d, status: 'RESOLVED' }, 13), d, 'run-2');
    expect([opened?.kind, acked?.kind, resolved?.kind]).toEqual(['OPENED', 'ACKNOWLEDGED', 'RESOLVED']);
    expect(new Set([opened?.dedupKey, acked?.dedupKey, resolved?.dedupKey])).toEqual(new Set([d.id]));
    expect([opened?.eventId, acked?.eventId, resolved?.eventId]).toEqual([
      'd-naked-1:11',
      'd-naked-1:12',
      'd-naked-1:13',
    ]);
    expect(opened).toMatchObject({ subject: 'discrepancy', severity: 'CRITICAL', runId: 'run-1' });
    expect(acked?.runId).toBeNull();
  });

  it('the summary names severity, type, account, contract and both quantities', () => {
    const alert = discrepancyAlert(recorded('OPENED', nakedDiscrepancy(), 1), undefined, 'run-1');
    expect(alert?.summary).toBe(
      'CRITICAL NAKED_POSITION opened: DU111111 AAPL 2027-01-15 230 P (broker none, store -2)',
    );
  });

  it('an update that raises the severity is SEVERITY_RAISED; any other update is no alert', () => {
    const warning = mismatchDiscrepancy();
    const critical = { ...warning, severity: 'CRITICAL' as const, brokerQuantity: -3 };
    expect(discrepancyAlert(recorded('UPDATED', critical, 5), warning, 'run-3')?.kind).toBe(
      'SEVERITY_RAISED',
    );
    const moved = { ...warning, brokerQuantity: 4 };
    expect(discrepancyAlert(recorded('UPDATED', moved, 6), warning, 'run-3')).toBeUndefined();
    expect(discrepancyAlert(recorded('UPDATED', warning, 7), critical, 'run-4')).toBeUndefined();
    // Without the state before the update nothing can say it was raised: no alert rather than a guess.
    expect(discrepancyAlert(recorded('UPDATED', critical, 8), undefined, 'run-4')).toBeUndefined();
  });
});

describe('health and test alerts', () => {
  it('one episode of a condition has one dedup key and one event id per kind', () => {
    const since = new Date('2026-11-25T15:00:00Z');
    const opened = healthAlert('BROKER_UNAVAILABLE', 'OPENED', since, AT);
    const resolved = healthAlert('BROKER_UNAVAILABLE', 'RESOLVED', since, new Date('2026-11-25T15:20:00Z'));
    expect(opened.dedupKey).toBe(resolved.dedupKey);
    expect(opened.eventId).not.toBe(resolved.eventId);
    expect(opened.summary).toBe(
      'WARNING position-sentinel: the broker is unavailable (since 2026-11-25T15:00:00.000Z)',
    );
    expect(resolved.summary).toBe('position-sentinel: the broker is available again (after 20 min)');
    const later = healthAlert('BROKER_UNAVAILABLE', 'OPENED', new Date('2026-11-25T16:00:00Z'), AT);
    expect(later.dedupKey).not.toBe(opened.dedupKey);
  });

  it('the store failing and no verified run are critical', () => {
    expect(healthAlert('STORE_WRITES_FAILING', 'OPENED', AT, AT).severity).toBe('CRITICAL');
    expect(healthAlert('NO_VERIFIED_RUN', 'OPENED', AT, AT).severity).toBe('CRITICAL');
  });

  it('a test alert says it is a test', () => {
    expect(testAlert('t-1', AT)).toMatchObject({ subject: 'test', eventId: 'test:t-1', severity: 'INFO' });
    expect(testAlert('t-1', AT).summary).toMatch(/^TEST /);
  });
});
