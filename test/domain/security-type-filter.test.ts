import { SecType } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { IB_SECURITY_TYPES, parseSecurityTypes } from '../../src/domain/security-type-filter.js';

describe('security types', () => {
  it("are IB's, as the client library lists them, less CONTFUT (market data only, never a position)", () => {
    const library = Object.values(SecType).filter((t) => t !== SecType.CONTFUT);
    expect([...IB_SECURITY_TYPES].sort()).toEqual([...library].sort());
  });

  it('a type IB does not have is refused, with the list of those it has', () => {
    expect(() => parseSecurityTypes('FOO')).toThrow(
      'FOO is not an IB security type; use ALL, or a list of STK, OPT, FUT, FOP, CASH, BOND, CFD, WAR, IOPT, FWD, BAG, IND, BILL, FUND, FIXED, SLB, NEWS, CMDTY, BSK, ICU, ICS, CRYPTO (e.g. OPT,FOP)',
    );
    expect(() => parseSecurityTypes('OPT,FOO,options')).toThrow(
      /^FOO, OPTIONS are not IB security types; use ALL/,
    );
    expect(() => parseSecurityTypes('CONTFUT')).toThrow(/^CONTFUT is not an IB security type/);
  });

  it('every type IB has is accepted, in any case, and matched as IB writes it', () => {
    const filter = parseSecurityTypes(IB_SECURITY_TYPES.map((t) => t.toLowerCase()).join(','));
    for (const type of IB_SECURITY_TYPES) expect(filter.matches(type)).toBe(true);
    expect(parseSecurityTypes(' fop , OPT ').toString()).toBe('FOP,OPT');
  });
});
