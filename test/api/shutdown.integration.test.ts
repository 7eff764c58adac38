import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { ACCOUNT_B, QQQ_CALL, ServiceHarness } from './support/service-harness.js';
import { Subscriber } from './support/transports.js';

const Follow = graphql(`
  subscription ApiShutdownFollow {
    positionUpdated { cursor position { quantity } }
  }
`);

const Runs = graphql(`
  subscription ApiShutdownRuns {
    reconciliationCompleted { id }
  }
`);

let service: ServiceHarness | undefined;
const subscribers: Subscriber[] = [];

afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  await service?.dispose();
  service = undefined;
});

describe('closing the service', () => {
  it('completes every subscription on both transports before the connections close', async () => {
    service = await ServiceHarness.start();
    const ws = new Subscriber('websocket', service.url);
    const sse = new Subscriber('sse', service.url);
    subscribers.push(ws, sse);
    const overSocket = [ws.subscribe(Follow), ws.subscribe(Runs)];
    const overSse = [sse.subscribe(Follow), sse.subscribe(Runs)];
    await service.untilSubscriptions(4);
    service.sim.change(ACCOUNT_B, QQQ_CALL.conId, 6);
    await overSocket[0]?.untilEvents(1);
    await overSse[0]?.untilEvents(1);

    await service.sentinel.close();
    for (const live of [...overSocket, ...overSse])
      expect(await live.untilEnded()).toEqual({ by: 'complete' });
    await expect.poll(() => ws.socket().closed).toEqual({ code: 1001, reason: expect.any(String) });
  });
});
