import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Alert,
  type AlertKind,
  type DiscrepancyAlert,
  discrepancyAlert,
  healthAlert,
  testAlert,
} from '../../../src/domain/alerts/alert.js';
import { type AlertRoute, planDeliveries, routeAccepts } from '../../../src/domain/alerts/alert-route.js';
import type { Discrepancy } from '../../../src/domain/discrepancy.js';
import { SEVERITIES, type Severity } from '../../../src/domain/discrepancy.js';
import type { DiscrepancyEventKind } from '../../../src/domain/discrepancy-event.js';
import { mismatchDiscrepancy, nakedDiscrepancy, recorded } from '../../support/discrepancies.js';

const AT = new Date('2026-11-25T15:05:00Z');

function route(id: string, overrides: Partial<AlertRoute> = {}): AlertRoute {
  return { id, channel: 'webhook', minSeverity: 'INFO', accounts: [], types: [], ...overrides };
}

function alertOf(
  kind: DiscrepancyEventKind,
  d: Discrepancy,
  sequence: number,
  before?: Discrepancy,
): DiscrepancyAlert {
  const alert = discrepancyAlert(recorded(kind, d, sequence), before, 'run-1');
  if (!alert) throw new Error('expected an alert');
  return alert;
}

const none = () => new Set<string>();

describe('route matching', () => {
  it('takes alerts at or above its minimum severity', () => {
    const critical = alertOf('OPENED', nakedDiscrepancy(), 1);
    const warning = alertOf('OPENED', mismatchDiscrepancy(), 2);
    const pager = route('pager', { minSeverity: 'CRITICAL' });
    expect(routeAccepts(pager, critical)).toBe(true);
    expect(routeAccepts(pager, warning)).toBe(false);
    expect(routeAccepts(route('chat', { minSeverity: 'WARNING' }), warning)).toBe(true);
  });

  it('filters by account and by type; health alerts pass an account filter but not a type filter', () => {
    const naked = alertOf('OPENED', nakedDiscrepancy(), 1); // DU111111
    const mismatch = alertOf('OPENED', mismatchDiscrepancy(), 2); // DU222222
    const broker = healthAlert('BROKER_UNAVAILABLE', 'OPENED', AT, AT);
    const du1 = route('du1', { accounts: ['DU111111'] });
    expect([routeAccepts(du1, naked), routeAccepts(du1, mismatch), routeAccepts(du1, broker)]).toEqual([
      true,
      false,
      true,
    ]);
    const nakedOnly = route('naked', { types: ['NAKED_POSITION'] });
    expect([routeAccepts(nakedOnly, naked), routeAccepts(nakedOnly, broker)]).toEqual([true, false]);
    const withHealth = route('ops', { types: ['NAKED_POSITION', 'BROKER_UNAVAILABLE'] });
    expect(routeAccepts(withHealth, broker)).toBe(true);
  });

  it('a follow-up goes only where its subject was opened, even after the severity fell', () => {
    const warning = mismatchDiscrepancy({ severity: 'WARNING' });
    const pager = route('pager', { minSeverity: 'CRITICAL' });
    const chat = route('chat', { minSeverity: 'WARNING' });
    const resolved = alertOf('RESOLVED', { ...warning, status: 'RESOLVED' }, 9);
    // Opened critical earlier (both routes took it), then fell to WARNING, now resolved.
    const plan = planDeliveries([pager, chat], [resolved], () => new Set(['pager', 'chat']));
    expect(plan.map((p) => p.routeId)).toEqual(['pager', 'chat']);
    // Opened as a warning: the pager never heard of it and hears nothing of its end.
    const plan2 = planDeliveries([pager, chat], [resolved], () => new Set(['chat']));
    expect(plan2.map((p) => p.routeId)).toEqual(['chat']);
  });

  it('a raised severity opens the subject on a route that did not take it before', () => {
    const warning = mismatchDiscrepancy();
    const critical = { ...warning, severity: 'CRITICAL' as const, brokerQuantity: -3 };
    const pager = route('pager', { minSeverity: 'CRITICAL' });
    const alerts = [
      alertOf('OPENED', warning, 1),
      alertOf('UPDATED', critical, 2, warning),
      alertOf('RESOLVED', { ...critical, status: 'RESOLVED' }, 3),
    ];
    expect(planDeliveries([pager], alerts, none).map((p) => p.alert.kind)).toEqual([
      'SEVERITY_RAISED',
      'RESOLVED',
    ]);
  });

  it('test alerts are never routed', () => {
    expect(planDeliveries([route('all')], [testAlert('t', AT)], none)).toEqual([]);
  });
});

const OPENING: ReadonlySet<AlertKind> = new Set(['OPENED', 'SEVERITY_RAISED']);

describe('route matching, for any life of a discrepancy', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('UPDATED' as const), severity: fc.constantFrom(...SEVERITIES) }),
    fc.constant({ kind: 'ACKNOWLEDGED' as const }),
  );
  const life = fc.record({
    opened: fc.constantFrom(...SEVERITIES),
    steps: fc.array(step, { maxLength: 8 }),
    resolved: fc.boolean(),
    split: fc.nat(12),
    min: fc.constantFrom(...SEVERITIES),
  });

  it('each route hears an opening first, follow-ups only after it, and the end exactly when it heard a beginning', () => {
    fc.assert(
      fc.property(life, ({ opened, steps, resolved, split, min }) => {
        let d = mismatchDiscrepancy({ severity: opened });
        let seq = 0;
        const alerts: Alert[] = [alertOf('OPENED', d, ++seq)];
        let peak: Severity = opened;
        for (const s of steps) {
          const before = d;
          if (s.kind === 'UPDATED') d = { ...d, severity: s.severity, brokerQuantity: seq };
          else d = { ...d, status: 'ACKNOWLEDGED' };
          const alert = discrepancyAlert(recorded(s.kind, d, ++seq), before, 'run');
          if (alert) alerts.push(alert);
          if (SEVERITIES.indexOf(d.severity) > SEVERITIES.indexOf(peak)) peak = d.severity;
        }
        if (resolved) alerts.push(alertOf('RESOLVED', { ...d, status: 'RESOLVED' }, ++seq));

        // Planned in two batches, as two transactions would: the second sees what the first opened.
        const r = route('r', { minSeverity: min });
        const cut = Math.min(split, alerts.length);
        const first = planDeliveries([r], alerts.slice(0, cut), none);
        const openedBefore = new Set(first.filter((p) => OPENING.has(p.alert.kind)).map((p) => p.routeId));
        const kinds = [...first, ...planDeliveries([r], alerts.slice(cut), () => openedBefore)].map(
          (p) => p.alert.kind,
        );

        const reached = SEVERITIES.indexOf(peak) >= SEVERITIES.indexOf(min);
        expect(kinds.length > 0).toBe(reached);
        if (kinds.length > 0) expect(OPENING.has(kinds[0]!)).toBe(true);
        expect(kinds.includes('RESOLVED')).toBe(reached && resolved);
        expect(kinds.filter((k) => k === 'RESOLVED').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
