import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type HttpReceiver, startReceiver } from '../support/http-receiver.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { makeTempDir } from '../support/temp-dir.js';
import { query } from './support/graphql-http.js';

const HealthDeliveries = graphql(`
  query AlertHealthDeliveries { alertDeliveries { state kind subject severity summary dedupKey } }
`);

let service: ServiceFixture | undefined;
let webhook: HttpReceiver | undefined;
let folder: { path: string; remove(): void } | undefined;
afterEach(async () => {
  await service?.dispose();
  await webhook?.close();
  folder?.remove();
  service = undefined;
  webhook = undefined;
  folder = undefined;
});

describe("the sentinel's own health as alerts", () => {
  it('the broker gone past the grace period opens a watcher alert; when it returns, the alert resolves', async () => {
    webhook = await startReceiver();
    folder = makeTempDir('sentinel-health-alert-');
    const secret = join(folder.path, 'secret');
    writeFileSync(secret, 'whsec-health-test-0123456789');
    service = await startService({
      flags: [
        '--alert-route=webhook:type=BROKER_UNAVAILABLE',
        `--alert-webhook-url=${webhook.url}/hook`,
        `--alert-webhook-secret-file=${secret}`,
        // Long enough for the start under load (READY within it alerts nobody), short for the test.
        '--alert-grace-ms=1500',
      ],
    });
    const health = () =>
      webhook!.accepted().map((r) => ({
        type: r.json.type,
        condition: (r.json.health as { condition?: string } | null)?.condition,
        dedupKey: r.json.dedupKey,
      }));
    expect(health()).toEqual([]);

    await service.refuseBroker();
    await expect.poll(() => health().length, { timeout: 15_000, interval: 20 }).toBe(1);
    expect(health()[0]).toMatchObject({ type: 'health.opened', condition: 'BROKER_UNAVAILABLE' });

    await service.acceptBroker();
    await expect.poll(() => health().length, { timeout: 15_000, interval: 20 }).toBe(2);
    const [opened, resolved] = health();
    expect(resolved).toMatchObject({ type: 'health.resolved', condition: 'BROKER_UNAVAILABLE' });
    expect(resolved?.dedupKey).toBe(opened?.dedupKey);

    // (The receiver answers before the outbox records it: wait for the record.)
    const deliveries = async () =>
      (await query(service!.graphqlUrl, HealthDeliveries)).alertDeliveries.map((d) => [
        d.subject,
        d.kind,
        d.severity,
        d.state,
      ]);
    await expect.poll(deliveries, { timeout: 15_000 }).toEqual([
      ['HEALTH', 'RESOLVED', 'WARNING', 'SENT'],
      ['HEALTH', 'OPENED', 'WARNING', 'SENT'],
    ]);
  });
});
