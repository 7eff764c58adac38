import { isIP } from 'node:net';

/**
 * Browsers guard nothing on their own here: any web page a trader has open may send requests to
 * 127.0.0.1, a cross-site form may POST a mutation, and a WebSocket is never held back by CORS.
 * Without API keys every caller on the loopback interface is an admin, so a request a browser
 * made on behalf of another site must be refused, and so must a page that reached us through DNS
 * rebinding (its Host names the attacker's domain).
 *
 * Returns why a request is refused, or undefined when it may go on. Programs that are not
 * browsers send no Origin and pass (when listening on loopback, their Host must name it).
 */
export function crossOriginRefusal(
  headers: { readonly origin?: string | null | undefined; readonly host?: string | null | undefined },
  loopbackOnly: boolean,
): string | undefined {
  const host = hostOf(headers.host);
  if (loopbackOnly && (host === undefined || !isLoopbackName(host.hostname))) {
    return `this service listens on loopback only and answers to localhost or 127.0.0.1, not to "${headers.host ?? ''}"`;
  }
  const origin = headers.origin;
  if (origin === undefined || origin === null) return undefined;
  const from = originOf(origin);
  if (from === undefined) return `requests from origin "${origin}" are refused`;
  if (host !== undefined && from.host === host.host) return undefined;
  // A page served by a local development server (another port on this machine) may call the API.
  if (loopbackOnly && isLoopbackName(from.hostname)) return undefined;
  return `cross-origin requests from ${origin} are refused: open the dashboard or GraphiQL served by this service`;
}

export function isLoopbackName(hostname: string): boolean {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function hostOf(header: string | null | undefined): URL | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`);
  } catch {
    return undefined;
  }
}

function originOf(origin: string): URL | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
