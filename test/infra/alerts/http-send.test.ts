import { afterEach, describe, expect, it } from 'vitest';
import { httpSend } from '../../../src/infra/alerts/http-send.js';
import { type HttpReceiver, startReceiver } from '../../support/http-receiver.js';
import { ManualClock } from '../../support/manual-clock.js';

const SECRET = 'sk-live-0123456789abcdef';
let r: HttpReceiver | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('one HTTP request for an alert', () => {
  it('keeps a short piece of a refusal, without a secret even when it straddles the cut', async () => {
    for (const pad of [170, 180, 190, 196, 199]) {
      r = await startReceiver(() => ({ status: 500, body: `${'x'.repeat(pad)}${SECRET} tail` }));
      const outcome = await httpSend(
        { method: 'POST', url: `${r.url}/`, body: '{}' },
        { clock: new ManualClock(), timeoutMs: 5000, secrets: [SECRET] },
      );
      expect(outcome.ok).toBe(false);
      const error = outcome.ok ? '' : outcome.error;
      expect(error.startsWith('HTTP 500: xxx')).toBe(true);
      expect(error.length).toBeLessThanOrEqual('HTTP 500: '.length + 200);
      expect(error).not.toContain(SECRET.slice(0, 4));
      await r.close();
      r = undefined;
    }
  });

  it('does not follow a redirect: the alert goes where it was configured to go', async () => {
    r = await startReceiver(() => ({ status: 307, headers: { location: 'http://127.0.0.1:9/elsewhere' } }));
    const outcome = await httpSend(
      { method: 'POST', url: `${r.url}/`, body: '{}' },
      { clock: new ManualClock(), timeoutMs: 5000, secrets: [] },
    );
    expect(outcome).toMatchObject({ ok: false, status: 307, error: 'HTTP 307' });
    expect(r.requests).toHaveLength(1);
  });
});
