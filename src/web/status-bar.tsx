import { formatDateTime, formatTime } from './format.js';
import type { StatusPartsFragment } from './gql/graphql.js';
import type { LinkState } from './live-connection.js';
import type { VerificationWords } from './verification-words.js';

const BROKER_WORDS: Record<StatusPartsFragment['broker']['state'], string> = {
  READY: 'connected',
  CONNECTED: 'connected, loading positions',
  CONNECTING: 'connecting',
  DISCONNECTED: 'disconnected',
};

const MODE_HINTS: Record<StatusPartsFragment['mode'], string> = {
  LIVE: 'A live account: these are real positions',
  PAPER: 'A paper account (every account starts with DU)',
  DEMO: 'The built-in simulator: nothing here is real',
};

/**
 * Mode, service link, verification, broker and store at a glance. Colour means state (green
 * good, amber waiting, red wrong), never mode: the mode badge is neutral.
 */
export function StatusBar(props: {
  readonly status: StatusPartsFragment | null;
  readonly link: LinkState;
  readonly verification: VerificationWords;
}) {
  const { status, link } = props;
  const broker = status?.broker;
  const online = link.kind === 'online';
  const word = online ? 'live' : link.kind === 'connecting' && link.attempt === 0 ? 'connecting' : 'offline';
  return (
    <header class="status-bar">
      <h1>position-sentinel</h1>
      {status && (
        <span
          class={`badge mode mode-${status.mode.toLowerCase()}`}
          data-testid="mode"
          title={MODE_HINTS[status.mode]}
        >
          {status.mode}
        </span>
      )}
      <span
        class={`badge link ${word}`}
        data-testid="connection"
        title={online ? `live since ${formatTime(link.since)}` : 'not receiving updates'}
      >
        <span class="dot" aria-hidden="true" />
        {word === 'connecting' ? 'connecting…' : word}
      </span>
      {broker && (
        <span
          class={`item broker ${online ? `broker-${broker.state.toLowerCase()}` : 'unknown'}`}
          data-testid="broker-state"
          data-state={broker.state}
          title={
            !online
              ? 'The last state the service reported; it is unknown while the service cannot be reached'
              : (broker.lastError ??
                (broker.connectedSince ? `connected since ${formatDateTime(broker.connectedSince)}` : ''))
          }
        >
          <span class="label">{online ? 'Broker' : 'Broker, last known'}</span> {BROKER_WORDS[broker.state]}
          <span class="muted">
            {' '}
            · {broker.host}:{broker.port} · client {broker.clientId}
            {broker.accounts.length > 0 && ` · ${broker.accounts.join(', ')}`}
          </span>
        </span>
      )}
      {status && (
        <span
          class={`badge verification ${props.verification.verified ? 'verified' : 'unverified'}`}
          data-testid="verification"
          title={
            props.verification.verified
              ? 'A recent run compared the store with the broker and the broker is connected'
              : 'Nothing on this page is proven to agree with the broker'
          }
        >
          {props.verification.text}
        </span>
      )}
      {status && online && (
        <span
          class={`item store ${status.store.lastError ? 'failing' : ''}`}
          title={status.store.lastError ?? ''}
        >
          <span class="label">Store</span> {describeStore(status.store)}
        </span>
      )}
      {status && status.alerts.dead > 0 && (
        <span
          class="item alerts failing"
          data-testid="alerts-undelivered"
          title="Given up after the maximum age: query alertDeliveries with state DEAD, and fix the route"
        >
          <span class="label">Alerts</span> {status.alerts.dead} undelivered
        </span>
      )}
      {status && <span class="version muted">v{status.version}</span>}
    </header>
  );
}

function describeStore(store: StatusPartsFragment['store']): string {
  if (store.lastError) return 'writes failing';
  const written = store.lastFlushAt ? `last write ${formatTime(store.lastFlushAt)}` : 'nothing written yet';
  return store.bufferedUpdates > 0
    ? `${store.bufferedUpdates} to write · ${written}`
    : `all written · ${written}`;
}
