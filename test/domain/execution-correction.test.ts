import { describe, expect, it } from 'vitest';
import {
  currentVersions,
  parseExecId,
  supersedes,
  versionsByFamily,
} from '../../src/domain/execution-correction.js';

const id = (version: string) => `0000e0d5.6790a1b2.01.${version}`;

describe('execution corrections', () => {
  it('splits an execId into what its versions share and the hexadecimal number after the last period', () => {
    expect(parseExecId(id('01'))).toEqual({ family: '0000e0d5.6790a1b2.01', version: 1 });
    expect(parseExecId(id('0a'))).toEqual({ family: '0000e0d5.6790a1b2.01', version: 10 });
    expect(parseExecId('no-periods')).toEqual({ family: 'no-periods', version: 0 });
    expect(parseExecId('odd.id.x7')).toEqual({ family: 'odd.id.x7', version: 0 });
  });

  it('lets a later version of the same execution supersede an earlier one, and nothing else', () => {
    expect(supersedes(id('02'), id('01'))).toBe(true);
    expect(supersedes(id('10'), id('09'))).toBe(true);
    expect(supersedes(id('01'), id('02'))).toBe(false);
    expect(supersedes(id('01'), id('01'))).toBe(false);
    expect(supersedes('0000e0d5.6790a1b3.01.02', id('01'))).toBe(false);
  });

  it('groups versions lowest first, one per execId, and keeps the version in force', () => {
    const original = { execId: id('01'), shares: 2 };
    const correction = { execId: id('02'), shares: 1 };
    const other = { execId: '0000e0d5.6790a1b3.01.01', shares: 5 };
    const seenTwice = { execId: id('01'), shares: 2 };
    const families = versionsByFamily([correction, other, original, seenTwice]);
    expect([...families.entries()]).toEqual([
      ['0000e0d5.6790a1b2.01', [original, correction]],
      ['0000e0d5.6790a1b3.01', [other]],
    ]);
    expect(currentVersions([original, other, correction, seenTwice])).toEqual([correction, other]);
  });
});
