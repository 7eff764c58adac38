import type { Listener } from '../app/listen-failure.js';
import { ListenFailure } from '../app/listen-failure.js';
import { DomainError } from '../domain/errors.js';

/** How a command names its listeners, and the flag that sets each one's port. */
export type ListenerFlags = Partial<Record<Listener, { readonly name: string; readonly flag: string }>>;

/** The listeners of `serve` and `reconcile`. */
export const API_LISTENER: ListenerFlags = { api: { name: 'the API', flag: '--port' } };

/**
 * The one line a person needs when the service cannot start: a store in use, a port taken (which
 * port, and the flag that moves it). Returns undefined for anything unexpected (the caller
 * rethrows it).
 */
export function startupFailure(error: unknown, listeners: ListenerFlags = API_LISTENER): string | undefined {
  if (error instanceof DomainError) return error.message;
  if (!(error instanceof ListenFailure)) return undefined;
  const named = listeners[error.listener];
  if (!named) return undefined;
  const where = `${error.host}:${error.port}`;
  if (error.code === 'EADDRINUSE')
    return `${named.name} cannot listen on ${where}: the port is already in use; stop what holds it, or choose another with ${named.flag} (0 picks a free one)`;
  if (error.code === 'EACCES')
    return `${named.name} is not allowed to listen on ${where}: choose a port above 1023 with ${named.flag}`;
  if (error.code === 'EADDRNOTAVAIL')
    return `${named.name} cannot listen on ${where}: ${error.host} is not an address of this machine; check --host`;
  return `${named.name} cannot listen on ${where}: ${(error.cause as Error).message}`;
}
