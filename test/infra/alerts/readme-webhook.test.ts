import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { discrepancyAlert } from '../../../src/domain/alerts/alert.js';
import { routeSender } from '../../../src/infra/alerts/route-sender.js';
import { webhookBody } from '../../../src/infra/alerts/webhook-body.js';
import { systemClock } from '../../../src/infra/system-clock.js';
import { nakedDiscrepancy } from '../../support/discrepancies.js';
import { startReceiver } from '../../support/http-receiver.js';
import { alertFor, CONTEXT, deliveryHarness } from './support/delivery-harness.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function block(language: string, containing: string): string {
  const blocks = [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] ?? '',
  );
  const found = blocks.filter((b) => b.includes(containing));
  expect(found, `one ${language} block with ${containing}`).toHaveLength(1);
  return found[0]!;
}

type Verify = (
  header: string,
  body: string,
  secret: string,
  toleranceSeconds?: number,
  now?: number,
) => boolean;

const folder = mkdtempSync(join(tmpdir(), 'sentinel-readme-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The README's verification snippet, exactly as written there, loaded as a module. */
async function readmeVerifier(): Promise<Verify> {
  const file = join(folder, 'verify-sentinel-signature.mjs');
  writeFileSync(file, block('js', 'verifySentinelSignature'));
  const module = (await import(pathToFileURL(file).href)) as { verifySentinelSignature: Verify };
  return module.verifySentinelSignature;
}

describe("the README's webhook section stays true", () => {
  it('the example body is what the sentinel sends for that discrepancy', () => {
    const example = JSON.parse(block('json', '"discrepancy.opened"')) as Record<string, unknown>;
    const discrepancy = example.discrepancy as { id: string; runId: string };
    const sequence = Number(String(example.id).split(':')[1]);
    const d = nakedDiscrepancy({ id: discrepancy.id });
    const alert = discrepancyAlert(
      { kind: 'OPENED', discrepancy: d, sequence, at: d.firstSeenAt },
      undefined,
      discrepancy.runId,
    )!;
    expect(webhookBody(alert, { source: 'any', dashboardUrl: String(example.dashboardUrl) })).toEqual(
      example,
    );
  });

  it('the verification snippet accepts a real signed delivery, and rejects a stale one, another body or another secret', async () => {
    const verify = await readmeVerifier();
    const secret = 'whsec-readme-test-0123456';
    const receiver = await startReceiver();
    try {
      const h = await deliveryHarness([
        {
          route: { id: 'hook', channel: 'webhook', minSeverity: 'INFO', accounts: [], types: [] },
          target: { channel: 'webhook', url: `${receiver.url}/hook`, secret },
        },
      ]);
      h.worker.start();
      await h.enqueue([alertFor('OPENED', nakedDiscrepancy())]);
      await h.worker.stop();
      const [delivery] = receiver.requests;
      const header = String(delivery?.headers['x-sentinel-signature']);
      const body = delivery?.body ?? '';
      const sentAt = h.clock.now().getTime() / 1000;

      expect(verify(header, body, secret, 300, sentAt)).toBe(true);
      expect(verify(header, body, secret, 300, sentAt + 299)).toBe(true);
      expect(verify(header, body, secret, 300, sentAt + 301)).toBe(false);
      expect(verify(header, body.replace('-2', '-20'), secret, 300, sentAt)).toBe(false);
      expect(verify(header, body, 'not-the-secret-000000', 300, sentAt)).toBe(false);
      expect(verify('v1=deadbeef', body, secret, 300, sentAt)).toBe(false);

      // With its own defaults (five minutes, the machine's clock): a delivery signed just now passes.
      const send = routeSender({ channel: 'webhook', url: `${receiver.url}/hook`, secret }, CONTEXT, {
        clock: systemClock,
        timeoutMs: 5000,
      });
      expect((await send(alertFor('OPENED', nakedDiscrepancy()), new AbortController().signal)).ok).toBe(
        true,
      );
      const now = receiver.requests[1];
      expect(verify(String(now?.headers['x-sentinel-signature']), now?.body ?? '', secret)).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
