import { DomainError } from '../domain/errors.js';

/**
 * The one line a person needs when the service cannot start: a store in use, a port taken.
 * Returns undefined for anything unexpected (the caller rethrows it).
 */
export function startupFailure(error: unknown, host: string, port: number): string | undefined {
  if (error instanceof DomainError) return error.message;
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE')
    return `port ${port} on ${host} is already in use: stop what holds it, or choose another with --port`;
  if (code === 'EACCES')
    return `not allowed to listen on ${host}:${port}: choose a port above 1023 with --port`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine: check --host`;
  return undefined;
}
