import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { OTHER, QQQ_CALL } from '../support/standard-book.js';
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

let service: ServiceFixture | undefined;
const subscribers: Subscriber[] = [];

afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  await service?.dispose();
  service = undefined;
});

describe('closing the service', () => {
  it('completes every subscription on both transports before the connections close', async () => {
    service = await startService();
    const ws = new Subscriber('websocket', service.graphqlUrl);
    const sse = new Subscriber('sse', service.graphqlUrl);
    subscribers.push(ws, sse);
    const overSocket = [ws.subscribe(Follow), ws.subscribe(Runs)];
    const overSse = [sse.subscribe(Follow), sse.subscribe(Runs)];
    await service.untilSubscriptions(4);
    service.simulator.change(OTHER, QQQ_CALL.conId, 6);
    await overSocket[0]?.untilEvents(1);
    await overSse[0]?.untilEvents(1);

    await service.sentinel.close();
    for (const live of [...overSocket, ...overSse])
      expect(await live.untilEnded()).toEqual({ by: 'complete' });
    await expect.poll(() => ws.socket().closed).toEqual({ code: 1001, reason: expect.any(String) });
  });
});
