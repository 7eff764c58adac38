import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { inMemorySequence, resolveIbAdapterOptions } from '../../../src/infra/ib/ib-adapter-options.js';

describe('IB adapter options', () => {
  it('fills the documented defaults', () => {
    const o = resolveIbAdapterOptions({ host: '127.0.0.1', port: 7497, clientId: 17 });
    expect(o.securityTypes.toString()).toBe('OPT');
    expect([o.snapshotTimeoutMs, o.accountDownloadTimeoutMs, o.handshakeTimeoutMs]).toEqual([
      30_000, 10_000, 30_000,
    ]);
    expect(o.backoff).toEqual({ initialDelayMs: 1_000, maxDelayMs: 30_000, jitter: 0.2 });
    expect(o.account).toBeUndefined();
    expect([o.nextSequence(), o.nextSequence()]).toEqual([1, 2]);
  });

  it('lists every bad value in one BAD_USER_INPUT error', () => {
    let error: unknown;
    try {
      resolveIbAdapterOptions({
        host: ' ',
        port: 70_000,
        clientId: -1,
        snapshotTimeoutMs: 0,
        backoff: { initialDelayMs: 500, maxDelayMs: 100, jitter: 1 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    expect((error as DomainError).message).toBe(
      'invalid IB connection settings: host is required; port must be an integer in 1..65535, got 70000; ' +
        'clientId must be an integer in 0..2147483647, got -1; snapshotTimeoutMs must be a positive number, got 0; ' +
        'backoff.maxDelayMs must not be below backoff.initialDelayMs; backoff.jitter must be in [0, 1), got 1',
    );
  });

  it('counts sequences per allocator', () => {
    const a = inMemorySequence();
    const b = inMemorySequence();
    expect([a(), a(), b()]).toEqual([1, 2, 1]);
  });
});
