import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/web/format.js';
import { verificationWords } from '../../src/web/verification-words.js';
import { demoStatus } from './support/fragments.js';

const AT = '2026-11-25T10:02:00.000Z';

describe('what the page says about agreement', () => {
  it('verified only when the service says VERIFIED and the page is online', () => {
    const status = {
      ...demoStatus,
      verification: { state: 'VERIFIED' as const, reason: null, verifiedAt: AT },
    };
    expect(verificationWords(status, true)).toEqual({
      verified: true,
      text: `Verified at ${formatTime(AT)}`,
    });
    expect(verificationWords(status, false)).toEqual({
      verified: false,
      text: 'Not verified: the service cannot be reached',
    });
  });

  it('not verified since the last comparison, with the reason in plain words', () => {
    const down = {
      ...demoStatus,
      verification: { state: 'UNVERIFIED' as const, reason: 'broker DISCONNECTED', verifiedAt: AT },
    };
    expect(verificationWords(down, true)).toEqual({
      verified: false,
      text: `Not verified since ${formatTime(AT)}: broker disconnected`,
    });
    const never = {
      ...demoStatus,
      verification: {
        state: 'UNVERIFIED' as const,
        reason: 'no run has compared the store with the broker yet',
        verifiedAt: null,
      },
    };
    expect(verificationWords(never, true).text).toBe(
      'Not verified: no run has compared the store with the broker yet',
    );
    const stale = {
      ...demoStatus,
      verification: { ...down.verification, state: 'STALE' as const, reason: 'old' },
    };
    expect(verificationWords(stale, true)).toMatchObject({ verified: false });
  });
});
