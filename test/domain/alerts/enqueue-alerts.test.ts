import { describe, expect, it } from 'vitest';
import { discrepancyAlert } from '../../../src/domain/alerts/alert.js';
import type { AlertRoute } from '../../../src/domain/alerts/alert-route.js';
import { enqueueAlerts } from '../../../src/domain/alerts/enqueue-alerts.js';
import { mismatchDiscrepancy, recorded } from '../../support/discrepancies.js';
import { InMemoryAlertOutbox } from '../../support/in-memory-alert-outbox.js';

const T0 = new Date('2026-11-25T15:00:00Z');
const routes: AlertRoute[] = [
  { id: 'pager', channel: 'pagerduty', minSeverity: 'CRITICAL', accounts: [], types: [] },
  { id: 'chat', channel: 'slack', minSeverity: 'WARNING', accounts: [], types: [] },
];

describe('enqueueing alerts', () => {
  it('a later transaction routes a follow-up to the routes an earlier one opened', async () => {
    const outbox = new InMemoryAlertOutbox();
    const warning = mismatchDiscrepancy();
    const critical = { ...warning, severity: 'CRITICAL' as const, brokerQuantity: -3 };
    const lowered = { ...warning, brokerQuantity: 4 };
    const alert = (kind: 'OPENED' | 'UPDATED' | 'RESOLVED', d = warning, seq = 1, before = warning) =>
      discrepancyAlert(recorded(kind, d, seq), before, 'run')!;

    await enqueueAlerts(outbox, routes, [alert('OPENED')], T0, undefined);
    await enqueueAlerts(outbox, routes, [alert('UPDATED', critical, 2)], T0, undefined);
    const resolved = { ...lowered, status: 'RESOLVED' as const };
    const last = await enqueueAlerts(
      outbox,
      routes,
      [alert('RESOLVED', resolved, 3, critical)],
      T0,
      undefined,
    );
    expect(last.map((p) => p.routeId)).toEqual(['pager', 'chat']);
    expect(outbox.all().map((d) => `${d.routeId} ${d.alert.kind}`)).toEqual([
      'chat OPENED',
      'pager SEVERITY_RAISED',
      'chat SEVERITY_RAISED',
      'pager RESOLVED',
      'chat RESOLVED',
    ]);
  });

  it('no routes, or no alerts, write nothing', async () => {
    const outbox = new InMemoryAlertOutbox();
    const alert = discrepancyAlert(recorded('OPENED', mismatchDiscrepancy(), 1), undefined, 'run')!;
    expect(await enqueueAlerts(outbox, [], [alert], T0, undefined)).toEqual([]);
    expect(await enqueueAlerts(outbox, routes, [], T0, undefined)).toEqual([]);
    expect(outbox.all()).toEqual([]);
  });
});
