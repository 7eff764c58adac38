import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../schema/context.js';

/** One configured API key and the role it grants. */
export interface ApiKey {
  readonly key: string;
  readonly role: Role;
}

export type AuthOutcome =
  | { readonly ok: true; readonly role: Role }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' };

/**
 * API keys with roles. With no keys configured the service is loopback-only (the configuration
 * refuses anything else) and every caller is an admin.
 */
export class ApiKeyAuth {
  readonly #keys: readonly { digest: Buffer; role: Role }[];

  constructor(keys: readonly ApiKey[]) {
    this.#keys = keys.map((k) => ({ digest: digest(k.key), role: k.role }));
  }

  get required(): boolean {
    return this.#keys.length > 0;
  }

  authenticate(key: string | undefined): AuthOutcome {
    if (!this.required) return { ok: true, role: 'admin' };
    if (key === undefined || key === '') return { ok: false, reason: 'missing' };
    const candidate = digest(key);
    // Compare digests in constant time so response timing reveals nothing about a key.
    const match = this.#keys.find((k) => timingSafeEqual(k.digest, candidate));
    return match ? { ok: true, role: match.role } : { ok: false, reason: 'invalid' };
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `Authorization: Bearer <key>` on HTTP. */
export function keyFromAuthorizationHeader(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** WebSocket clients send `{ authorization: 'Bearer <key>' }` (or `{ apiKey }`) as connection params. */
export function keyFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  if (!params) return undefined;
  if (typeof params.authorization === 'string') return keyFromAuthorizationHeader(params.authorization);
  if (typeof params.Authorization === 'string') return keyFromAuthorizationHeader(params.Authorization);
  if (typeof params.apiKey === 'string') return params.apiKey;
  return undefined;
}
