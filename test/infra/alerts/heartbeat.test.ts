import { afterEach, describe, expect, it } from 'vitest';
import { isVerifiedRun } from '../../../src/domain/alerts/sentinel-health.js';
import { Heartbeat } from '../../../src/infra/alerts/heartbeat.js';
import { createLogger } from '../../../src/infra/logger.js';
import { type HttpReceiver, startReceiver } from '../../support/http-receiver.js';
import { ManualClock } from '../../support/manual-clock.js';
import { until } from '../../support/until.js';

const TOKEN = '5f1c2a7e-heartbeat-token';
let r: HttpReceiver | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

function heartbeat(url: string) {
  const clock = new ManualClock();
  const lines: string[] = [];
  const beat = new Heartbeat({
    url,
    clock,
    timeoutMs: 5000,
    logger: createLogger({ write: (l) => lines.push(l) }),
  });
  return { clock, lines, beat };
}

describe('heartbeat', () => {
  it('requests the URL, and tries again a little later when it fails', async () => {
    let n = 0;
    r = await startReceiver(() => (n++ === 0 ? { status: 503 } : { status: 200, body: 'OK' }));
    const { clock, beat, lines } = heartbeat(`${r.url}/ping/${TOKEN}`);
    const ping = beat.ping();
    await until(() => clock.pendingDelays().includes(2000), 'the first try to fail');
    clock.advance(2000);
    expect(await ping).toBe(true);
    expect(r.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET /ping/${TOKEN}`,
      `GET /ping/${TOKEN}`,
    ]);
    expect(lines).toEqual([]);
  });

  it('gives up after its tries with one warning that does not show the URL', async () => {
    r = await startReceiver(() => ({ status: 500, body: `bad check ${TOKEN}` }));
    const { clock, beat, lines } = heartbeat(`${r.url}/ping/${TOKEN}`);
    const ping = beat.ping();
    for (const wait of [2000, 4000]) {
      await until(() => clock.pendingDelays().includes(wait), `a retry in ${wait} ms`);
      clock.advance(wait);
    }
    expect(await ping).toBe(false);
    expect(r.requests).toHaveLength(3);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'heartbeat ping failed', attempts: 3 });
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain(r.url);
  });

  it('a ping while one is under way joins it', async () => {
    r = await startReceiver();
    const { beat } = heartbeat(`${r.url}/ping`);
    const [a, b] = [beat.ping(), beat.ping()];
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(r.requests).toHaveLength(1);
  });

  it('follows verified runs only: a comparison made, with or without discrepancies', () => {
    expect(
      ['CLEAN', 'DISCREPANCIES', 'BROKER_UNAVAILABLE', 'FAILED'].map((status) =>
        isVerifiedRun({ status: status as never }),
      ),
    ).toEqual([true, true, false, false]);
  });
});
