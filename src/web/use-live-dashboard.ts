import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { ActionBatcher } from './action-batcher.js';
import {
  type DashboardAction,
  type DashboardState,
  dashboardReducer,
  emptyState,
} from './dashboard-state.js';
import { type LinkState, LiveConnection } from './live-connection.js';

export interface LiveDashboard {
  readonly state: DashboardState;
  readonly link: LinkState;
  /** Applies something the page learnt outside the streams (a mutation's answer). */
  readonly apply: (action: DashboardAction) => void;
  readonly retryNow: () => void;
}

/**
 * The dashboard's state, kept live over one WebSocket for as long as the page shows it. A new key
 * or a new `attempt` starts a new connection.
 */
export function useLiveDashboard(apiKey: string | null, attempt: number): LiveDashboard {
  const [state, dispatch] = useReducer(dashboardReducer, emptyState);
  const [link, setLink] = useState<LinkState>({ kind: 'connecting', attempt: 0 });
  const connection = useRef<LiveConnection | null>(null);

  useEffect(() => {
    const batcher = new ActionBatcher(dispatch);
    const live = new LiveConnection(
      { url: webSocketUrl(), apiKey },
      {
        onActions: (actions) => batcher.push(actions),
        onState: (next) => {
          // The snapshot goes in before the page says it is live again.
          if (next.kind === 'online') batcher.flush();
          setLink(next);
        },
      },
    );
    connection.current = live;
    // Back on the network, or back in front of the person: no reason to wait for the timer.
    const retry = () => live.retryNow();
    const onVisible = () => document.visibilityState === 'visible' && retry();
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    live.start();
    return () => {
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      live.stop();
      batcher.dispose();
      connection.current = null;
    };
  }, [apiKey, attempt]);

  return {
    state,
    link,
    apply: dispatch,
    retryNow: () => connection.current?.retryNow(),
  };
}

function webSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}
