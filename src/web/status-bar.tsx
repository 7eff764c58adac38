import { formatTime } from './format.js';
import type { StatusPartsFragment } from './gql/graphql.js';

export function StatusBar(props: { readonly status: StatusPartsFragment | null; readonly online: boolean }) {
  const { status, online } = props;
  const broker = status?.broker;
  return (
    <header class="status-bar">
      <h1>position-sentinel</h1>
      {status && <span class={`badge mode-${status.mode.toLowerCase()}`}>{status.mode}</span>}
      <span class={`badge connection ${online ? 'online' : 'offline'}`} data-testid="connection">
        {online ? 'online' : 'offline'}
      </span>
      {broker && (
        <span
          class={`badge broker-${broker.state.toLowerCase()}`}
          title={broker.lastError ?? ''}
          data-testid="broker-state"
        >
          broker {broker.state} · {broker.host}:{broker.port} · client {broker.clientId}
        </span>
      )}
      {broker && broker.accounts.length > 0 && <span class="accounts">{broker.accounts.join(', ')}</span>}
      {status && (
        <span class="next-run">
          {status.reconciliation.running
            ? 'reconciling…'
            : `next run ${formatTime(status.reconciliation.nextRunAt)}`}
        </span>
      )}
    </header>
  );
}
