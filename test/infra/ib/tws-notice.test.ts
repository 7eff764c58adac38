import { describe, expect, it } from 'vitest';
import {
  classifyNotice,
  classifyRequestError,
  parseManagedAccounts,
} from '../../../src/infra/ib/tws-notice.js';

describe('TWS notices', () => {
  it('tells apart the codes the connection acts on', () => {
    expect(classifyNotice(326)).toEqual({ kind: 'client-id-in-use' });
    expect(classifyNotice(1100)).toEqual({ kind: 'connectivity-lost' });
    expect(classifyNotice(2110)).toEqual({ kind: 'connectivity-lost' });
    expect(classifyNotice(1101)).toEqual({ kind: 'connectivity-restored', dataLost: true });
    expect(classifyNotice(1102)).toEqual({ kind: 'connectivity-restored', dataLost: false });
    expect([2104, 2106, 2158].map((c) => classifyNotice(c).kind)).toEqual(['farm-ok', 'farm-ok', 'farm-ok']);
    expect(classifyNotice(2107)).toEqual({ kind: 'status' });
    expect(classifyNotice(321)).toEqual({ kind: 'other' });
  });

  it('tells a request the login cannot serve from one refused this time, and from a warning', () => {
    expect(classifyRequestError(503, 'Server Version 102: It does not support position requests.')).toBe(
      'unsupported',
    );
    expect(
      classifyRequestError(321, "Error validating request:-'x' : cause - not supported for this login"),
    ).toBe('unsupported');
    expect(classifyRequestError(322, 'Positions are not available for this account type')).toBe(
      'unsupported',
    );
    expect(classifyRequestError(321, "Error validating request:-'x' : cause - Invalid account code U9")).toBe(
      'refused',
    );
    expect(classifyRequestError(322, 'Error processing request: try later')).toBe('refused');
    expect(classifyRequestError(2109, 'Order Event Warning')).toBe('warning');
  });

  it('reads the managed accounts list', () => {
    expect(parseManagedAccounts('DU111111,DU222222')).toEqual(['DU111111', 'DU222222']);
    expect(parseManagedAccounts(' U1 , ,U2,')).toEqual(['U1', 'U2']);
    expect(parseManagedAccounts('')).toEqual([]);
  });
});
