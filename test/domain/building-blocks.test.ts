import { describe, expect, it } from 'vitest';
import { describeContract } from '../../src/domain/contract.js';
import { DomainError } from '../../src/domain/errors.js';
import { exchangeLocalTime, hasExpired } from '../../src/domain/option-expiry.js';
import { keyId, parseKeyId } from '../../src/domain/position.js';
import { classifyChange, supersedes } from '../../src/domain/position-update.js';
import { parseSecurityTypes } from '../../src/domain/security-type-filter.js';
import { NVDA_STOCK, option, SPXW_6000_C, SPY_600_C } from '../support/contracts.js';

describe('contracts', () => {
  it('describes options in readable form and stocks by symbol', () => {
    expect(describeContract(SPY_600_C)).toBe('SPY 2026-12-18 600 C');
    expect(describeContract(option(1, 'SPY', '20261218', 412.5, 'PUT'))).toBe('SPY 2026-12-18 412.5 P');
    expect(describeContract(SPXW_6000_C)).toBe('SPX 2026-12-04 6000 C');
    expect(describeContract(NVDA_STOCK)).toBe('NVDA');
  });

  it('option local symbols follow the OCC layout IB reports', () => {
    expect(SPY_600_C.localSymbol).toBe('SPY   261218C00600000');
    expect(SPXW_6000_C.localSymbol).toBe('SPXW  261204C06000000');
  });
});

describe('position keys', () => {
  it('round-trip through their string form, accounts with colons included', () => {
    expect(parseKeyId(keyId({ account: 'DU111111', conId: 700001 }))).toEqual({
      account: 'DU111111',
      conId: 700001,
    });
    expect(parseKeyId('odd:name:42')).toEqual({ account: 'odd:name', conId: 42 });
    expect(parseKeyId('nonsense')).toBeUndefined();
  });
});

describe('position changes', () => {
  it('classify against the previous quantity', () => {
    expect(classifyChange(undefined, 2)).toBe('OPENED');
    expect(classifyChange(0, -1)).toBe('OPENED');
    expect(classifyChange(2, 3)).toBe('CHANGED');
    expect(classifyChange(2, 0)).toBe('CLOSED');
    expect(classifyChange(2, 2)).toBe('REFRESHED');
    expect(classifyChange(0, 0)).toBe('REFRESHED');
  });

  it('last write wins by broker time, then by sequence', () => {
    const t = new Date('2026-11-25T15:00:00Z');
    const later = new Date(t.getTime() + 1);
    expect(supersedes({ brokerTime: later, sequence: 1 }, { brokerTime: t, sequence: 9 })).toBe(true);
    expect(supersedes({ brokerTime: t, sequence: 9 }, { brokerTime: later, sequence: 1 })).toBe(false);
    expect(supersedes({ brokerTime: t, sequence: 10 }, { brokerTime: t, sequence: 9 })).toBe(true);
  });
});

describe('security-type filter', () => {
  it('parses lists case-insensitively and ALL', () => {
    const f = parseSecurityTypes(' opt, fop ');
    expect(f.matches('OPT')).toBe(true);
    expect(f.matches('FOP')).toBe(true);
    expect(f.matches('STK')).toBe(false);
    expect(f.toString()).toBe('OPT,FOP');
    expect(parseSecurityTypes('ALL').matches('BOND')).toBe(true);
  });

  it('rejects empty and malformed lists with a clear error', () => {
    expect(() => parseSecurityTypes('')).toThrow(DomainError);
    expect(() => parseSecurityTypes('OPT,st-k')).toThrow('ST-K is not an IB security type');
  });
});

describe('option expiry (exchange time, America/New_York)', () => {
  it('uses New York local time across daylight saving changes', () => {
    expect(exchangeLocalTime(new Date('2026-07-01T20:00:00Z'))).toEqual({
      date: '20260701',
      minutes: 16 * 60,
    });
    expect(exchangeLocalTime(new Date('2026-12-01T21:00:00Z'))).toEqual({
      date: '20261201',
      minutes: 16 * 60,
    });
    expect(exchangeLocalTime(new Date('2026-12-02T03:00:00Z'))).toEqual({
      date: '20261201',
      minutes: 22 * 60,
    });
  });

  it('an option has expired once its last trading day has closed', () => {
    const dec18 = option(1, 'SPY', '20261218', 600, 'CALL');
    expect(hasExpired(dec18, new Date('2026-12-18T20:59:00Z'))).toBe(false);
    expect(hasExpired(dec18, new Date('2026-12-18T21:00:00Z'))).toBe(true);
    expect(hasExpired(dec18, new Date('2026-12-19T02:00:00Z'))).toBe(true);
    expect(hasExpired(NVDA_STOCK, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
