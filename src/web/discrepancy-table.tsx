import { useState } from 'preact/hooks';
import { describeContract } from '../domain/contract.js';
import { formatQuantity, formatTime } from './format.js';
import type { DiscrepancyPartsFragment } from './gql/graphql.js';

export interface DiscrepancyActions {
  /** Null when the key may act; otherwise why the buttons are disabled. */
  readonly disabledReason: string | null;
  acknowledge(id: string, note: string | null): Promise<void>;
  resolve(id: string, note: string | null): Promise<void>;
}

export function DiscrepancyTable(props: {
  readonly discrepancies: readonly DiscrepancyPartsFragment[];
  readonly actions: DiscrepancyActions;
}) {
  return (
    <section class="panel discrepancies">
      <h2>
        Open discrepancies <span class="count">{props.discrepancies.length}</span>
      </h2>
      <table data-testid="discrepancies">
        <thead>
          <tr>
            <th>Severity</th>
            <th>Type</th>
            <th>Account</th>
            <th>Contract</th>
            <th class="num">Broker</th>
            <th class="num">Store</th>
            <th>Since</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {props.discrepancies.map((d) => (
            <DiscrepancyRow key={d.id} discrepancy={d} actions={props.actions} />
          ))}
          {props.discrepancies.length === 0 && (
            <tr>
              <td colSpan={9} class="empty">
                Nothing open: the store agrees with the broker.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function DiscrepancyRow(props: {
  readonly discrepancy: DiscrepancyPartsFragment;
  readonly actions: DiscrepancyActions;
}) {
  const d = props.discrepancy;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const disabled = props.actions.disabledReason !== null || busy;
  const act = async (action: (id: string, note: string | null) => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action(d.id, note.trim() || null);
      setNote('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr class={`severity-${d.severity.toLowerCase()}`} data-discrepancy={d.id} data-status={d.status}>
      <td>
        <span class={`severity ${d.severity.toLowerCase()}`}>{d.severity}</span>
      </td>
      <td>{d.type}</td>
      <td>{d.account}</td>
      <td title={d.message}>{describeContract(d.contract)}</td>
      <td class="num">{formatQuantity(d.brokerQuantity)}</td>
      <td class="num">{formatQuantity(d.storeQuantity)}</td>
      <td>{formatTime(d.firstSeenAt)}</td>
      <td class="status" data-testid="discrepancy-status">
        {d.status}
        {d.note && <div class="note">“{d.note}”</div>}
      </td>
      <td class="actions">
        <input
          type="text"
          placeholder="note"
          aria-label="note"
          value={note}
          disabled={disabled}
          onInput={(e) => setNote((e.target as HTMLInputElement).value)}
        />
        <button
          type="button"
          disabled={disabled}
          title={props.actions.disabledReason ?? 'Mark as seen; it stays open until a run no longer finds it'}
          onClick={() => act(props.actions.acknowledge)}
        >
          Acknowledge
        </button>
        <button
          type="button"
          disabled={disabled}
          title={
            props.actions.disabledReason ?? "Accept the broker's view: the store takes the broker's quantity"
          }
          onClick={() => act(props.actions.resolve)}
        >
          Accept broker
        </button>
        {error && <div class="error">{error}</div>}
      </td>
    </tr>
  );
}
