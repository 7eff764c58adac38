import { describe, expect, it } from 'vitest';
import { ClosableHub } from '../../../src/infra/ib/closable-hub.js';
import { createLogger } from '../../../src/infra/logger.js';

function capture() {
  const lines: { level: string; msg: string }[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) });
  return { logger, lines };
}

describe('closable hub', () => {
  it('lets the other listeners hear an event a failing listener threw on, and logs the failure', () => {
    const { logger, lines } = capture();
    const hub = new ClosableHub<number>(logger, 'test');
    const heard: number[] = [];
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe((n) => heard.push(n));
    hub.publish(1);
    expect(heard).toEqual([1]);
    expect(lines).toMatchObject([{ level: 'error', msg: 'a test listener failed' }]);
  });

  it('ends a waiting iterator on close and forgets every listener', async () => {
    const hub = new ClosableHub<number>(createLogger({ write: () => {} }), 'test');
    const iterator = hub.iterate();
    hub.subscribe(() => {});
    const waiting = iterator.next();
    expect(hub.listenerCount).toBe(2);
    hub.close();
    await expect(waiting).resolves.toEqual({ value: undefined, done: true });
    expect(hub.listenerCount).toBe(0);
    await expect(hub.iterate().next()).resolves.toEqual({ value: undefined, done: true });
    hub.publish(2);
  });

  it('removes an iterator whose consumer returned', async () => {
    const hub = new ClosableHub<number>(createLogger({ write: () => {} }), 'test');
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const n of hub.iterate()) {
        seen.push(n);
        if (n === 2) break;
      }
    })();
    hub.publish(1);
    hub.publish(2);
    await consumer;
    expect(seen).toEqual([1, 2]);
    expect(hub.listenerCount).toBe(0);
  });
});
