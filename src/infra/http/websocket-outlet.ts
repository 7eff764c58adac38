import type { WebSocket } from 'ws';
import { CLOSE_SLOW_CONSUMER, type MemberOutlet, SLOW_CONSUMER_REASON } from './cohort-protocol.js';

/** One graphql-ws subscription's results on its socket: `next` messages framed with its id. */
export function webSocketOutlet(id: string, socket: WebSocket): MemberOutlet {
  const frame = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return {
    get open() {
      return socket.readyState === socket.OPEN;
    },
    get unsentBytes() {
      return socket.bufferedAmount;
    },
    send: (payload) => socket.send(`${frame}${payload}}`),
    // The close frame waits behind what is queued; every subscription on the socket ends with it.
    endSlow: () => socket.close(CLOSE_SLOW_CONSUMER, SLOW_CONSUMER_REASON),
  };
}
