import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Sentinel-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe signs: the timestamp is inside the
 * signed text, so a receiver that rejects old timestamps cannot be fed a recorded request again.
 * Each attempt is signed at its own time.
 */
export function signatureHeader(body: string, secret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${body}`)}`;
}

export type SignatureCheck = 'valid' | 'stale' | 'invalid';

/** The receiver's side, for the echo receiver and tests: a signature within `toleranceSeconds` of `now`. */
export function checkSignature(
  header: string | undefined,
  body: string,
  secret: string,
  now: Date,
  toleranceSeconds = 300,
): SignatureCheck {
  const parts = new Map(
    (header ?? '').split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  );
  const t = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  const expected = Buffer.from(hmac(secret, `${parts.get('t')}.${body}`), 'hex');
  if (!Number.isSafeInteger(t) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'invalid';
  }
  return Math.abs(now.getTime() / 1000 - t) > toleranceSeconds ? 'stale' : 'valid';
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}
