import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatExecutionTime,
  isKnownTimeZone,
  parseFilterTime,
} from '../../../src/infra/ib-simulator/wire/execution-time.js';

describe('execution times', () => {
  it('writes the instant to the second in the login zone, with the zone name, as TWS 10 does', () => {
    expect(formatExecutionTime(new Date('2026-11-25T15:31:02.999Z'), 'US/Eastern')).toBe(
      '20261125 10:31:02 US/Eastern',
    );
    expect(formatExecutionTime(new Date('2026-07-01T14:31:02Z'), 'US/Eastern')).toBe(
      '20260701 10:31:02 US/Eastern',
    );
    expect(formatExecutionTime(new Date('2026-11-25T23:59:59Z'), 'Europe/Amsterdam')).toBe(
      '20261126 00:59:59 Europe/Amsterdam',
    );
  });

  it('reads filter times in UTC with a dash, else local to the named zone or the login zone', () => {
    const at = '2026-11-25T15:31:02.000Z';
    expect(parseFilterTime('20261125-15:31:02', 'US/Eastern')?.toISOString()).toBe(at);
    expect(parseFilterTime('20261125 10:31:02', 'US/Eastern')?.toISOString()).toBe(at);
    expect(parseFilterTime('20261125 16:31:02 Europe/Amsterdam', 'US/Eastern')?.toISOString()).toBe(at);
    expect(parseFilterTime('20261125  10:31:02', 'US/Eastern')?.toISOString()).toBe(at);
    expect(parseFilterTime('20261125-15:31', 'US/Eastern')?.toISOString()).toBe('2026-11-25T15:31:00.000Z');
  });

  it('refuses what is not a time', () => {
    for (const text of ['', 'today', '2026-11-25 10:31:02', '20260231 10:00:00', '20261125 24:00:00']) {
      expect(parseFilterTime(text, 'US/Eastern'), text).toBeUndefined();
    }
    expect(parseFilterTime('20261125 10:31:02 Mars/Olympus', 'US/Eastern')).toBeUndefined();
    expect(parseFilterTime('20261125-15:31:02 UTC', 'US/Eastern')).toBeUndefined();
    expect(isKnownTimeZone('US/Eastern')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads back every time it writes, in any zone, across daylight-saving changes', () => {
    const zones = ['US/Eastern', 'America/Chicago', 'Europe/London', 'Asia/Hong_Kong', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (at, zone) => {
          const second = Math.floor(at.getTime() / 1000) * 1000;
          const text = formatExecutionTime(at, zone);
          // An hour that repeats when clocks go back names two instants; either reads back the text.
          const back = parseFilterTime(text, 'UTC');
          expect(back).toBeDefined();
          expect(formatExecutionTime(back!, zone)).toBe(text);
          expect(Math.abs(back!.getTime() - second) % 3_600_000).toBe(0);
        },
      ),
    );
  });
});
