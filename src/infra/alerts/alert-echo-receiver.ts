import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../domain/clock.js';
import { checkSignature, SIGNATURE_HEADER, type SignatureCheck } from './webhook-signature.js';

/** What one request to the echo receiver carried, as it prints it. */
export interface EchoedAlert {
  readonly at: Date;
  /** Which shape the body has: a webhook alert, a PagerDuty event, a Slack message. */
  readonly shape: 'webhook' | 'pagerduty' | 'slack' | 'other';
  /** The webhook's type, PagerDuty's event_action, or nothing. */
  readonly what: string;
  readonly summary: string;
  readonly dedupKey: string | null;
  readonly idempotencyKey: string | null;
  /** Webhooks only: `unchecked` when the receiver was given no secret. */
  readonly signature: SignatureCheck | 'unsigned' | 'unchecked' | null;
}

export interface AlertEchoOptions {
  readonly host: string;
  readonly port: number;
  readonly clock: Clock;
  /** The webhook secret, to check each signature as a receiver should. */
  readonly secret?: string | undefined;
  readonly onAlert: (alert: EchoedAlert) => void;
}

const MAX_BODY = 1024 * 1024;

/**
 * A receiver for trying alerts without an account anywhere: it answers every POST with 200 and
 * reports what came, whichever channel sent it (point the webhook, PagerDuty or Slack URL at it).
 */
export async function startAlertEcho(
  options: AlertEchoOptions,
): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    readBody(req).then(
      (body) => {
        options.onAlert(describe(req, body, options));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      },
      () => res.writeHead(413).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describe(req: IncomingMessage, body: string, options: AlertEchoOptions): EchoedAlert {
  const at = options.clock.now();
  const header = (name: string) => {
    const v = req.headers[name.toLowerCase()];
    return typeof v === 'string' ? v : null;
  };
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // Not JSON: reported as "other" with nothing to say.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const idempotencyKey = header('idempotency-key');
  if (typeof json.version === 'number' && typeof json.type === 'string') {
    const signed = header(SIGNATURE_HEADER);
    const signature =
      signed === null
        ? 'unsigned'
        : options.secret === undefined
          ? 'unchecked'
          : checkSignature(signed, body, options.secret, at);
    return {
      at,
      shape: 'webhook',
      what: json.type,
      summary: text(json.summary),
      dedupKey: text(json.dedupKey) || null,
      idempotencyKey,
      signature,
    };
  }
  if (typeof json.event_action === 'string') {
    const payload = (json.payload ?? {}) as Record<string, unknown>;
    return {
      at,
      shape: 'pagerduty',
      what: json.event_action,
      summary: text(payload.summary),
      dedupKey: text(json.dedup_key) || null,
      idempotencyKey,
      signature: null,
    };
  }
  if (typeof json.text === 'string' && Array.isArray(json.blocks)) {
    return {
      at,
      shape: 'slack',
      what: 'message',
      summary: json.text,
      dedupKey: null,
      idempotencyKey,
      signature: null,
    };
  }
  return { at, shape: 'other', what: '', summary: '', dedupKey: null, idempotencyKey, signature: null };
}
