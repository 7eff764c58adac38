import type { Clock } from '../../domain/clock.js';
import { retryAfterMs } from './retry-after.js';

export interface HttpSendRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type HttpSendOutcome =
  | { readonly ok: true; readonly status: number }
  | {
      readonly ok: false;
      /** Safe to log and to show: no address, no secret. */
      readonly error: string;
      readonly status: number | null;
      /** What the receiver asked for with Retry-After, if it did. */
      readonly retryAfterMs: number | undefined;
    };

export interface HttpSendOptions {
  readonly clock: Clock;
  /** The whole exchange, answer included, must finish within this. */
  readonly timeoutMs: number;
  /** Values to blank out of anything the receiver says back. */
  readonly secrets: readonly string[];
  readonly signal?: AbortSignal;
}

/** How much of a refusal's body the error keeps: enough for "invalid_payload" or PagerDuty's reason. */
const MAX_ANSWER = 200;
/** Read further than is kept, so a secret the receiver echoes is redacted whole before the cut. */
const READ_LIMIT = 8192;

/**
 * One request with a deadline on the clock. Never throws: every failure becomes an outcome whose
 * error names what happened in our own words (the status and a short, redacted piece of the answer,
 * or the network's trouble), because a URL can itself be a credential (a Slack webhook, a
 * heartbeat) and must not reach a log. Redirects are not followed: a signed alert goes where it was
 * configured to go or nowhere.
 */
export async function httpSend(request: HttpSendRequest, options: HttpSendOptions): Promise<HttpSendOutcome> {
  const timeout = new AbortController();
  const cancel = options.clock.schedule(options.timeoutMs, () => timeout.abort());
  const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'manual',
    });
    const answer = await readSome(response, READ_LIMIT);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    const shown = clipped(redact(answer, options.secrets), MAX_ANSWER, options.secrets);
    const said = shown ? `: ${shown}` : '';
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}${said}`,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), options.clock.now()),
    };
  } catch (error) {
    let what: string;
    if (timeout.signal.aborted) what = `no answer within ${options.timeoutMs} ms`;
    else if (options.signal?.aborted) what = 'stopped before an answer came';
    else what = networkTrouble(error);
    return { ok: false, status: null, error: what, retryAfterMs: undefined };
  } finally {
    cancel();
  }
}

const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed',
};

function networkTrouble(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === undefined) return 'network error';
  if (code.startsWith('ERR_TLS') || code.includes('CERT')) return `TLS error (${code})`;
  return NETWORK_WORDS[code] ?? `network error (${code})`;
}

async function readSome(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < max) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // An answer cut off is still an answer: its status is what counts.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
}

/** The first `max` characters, without a trailing piece that begins a secret. */
function clipped(text: string, max: number, secrets: readonly string[]): string {
  let out = text.slice(0, max);
  for (const secret of secrets) {
    for (let n = Math.min(secret.length, out.length); n >= 4; n--) {
      if (out.endsWith(secret.slice(0, n))) {
        out = out.slice(0, out.length - n);
        break;
      }
    }
  }
  return out.trim();
}

/**
 * The pieces of a URL that act as a credential when the URL is one (a Slack webhook, a heartbeat):
 * the whole, its path and query, and every path segment long enough to be a token.
 */
export function urlSecrets(url: string): string[] {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter((s) => s.length >= 8);
  return [url, `${u.pathname}${u.search}`, u.pathname, u.search, ...segments].filter((s) => s.length > 1);
}

/** Blanks every secret (at least 4 characters, so a short one does not shred the text) out of `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: a whole URL goes before the path inside it.
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) if (secret.length >= 4) out = out.replaceAll(secret, '[redacted]');
  return out;
}
