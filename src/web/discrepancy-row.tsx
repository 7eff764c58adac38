import { useEffect, useRef, useState } from 'preact/hooks';
import { describeContract } from '../domain/contract.js';
import type { DiscrepancyActions } from './discrepancy-table.js';
import { flash } from './flash.js';
import { formatDateTime, formatEnum, formatQuantity, formatSignedQuantity, formatTime } from './format.js';
import type { DiscrepancyPartsFragment } from './gql/graphql.js';

type Busy = null | 'acknowledge' | 'resolve';

/**
 * One discrepancy with what a person can do about it: acknowledge (with a note) or accept the
 * broker's view, which writes to the store and so asks for a second click to confirm.
 */
export function DiscrepancyRow(props: {
  readonly discrepancy: DiscrepancyPartsFragment;
  readonly actions: DiscrepancyActions;
  readonly flashOnMount: boolean;
}) {
  const d = props.discrepancy;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const row = useRef<HTMLTableRowElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (props.flashOnMount) flash(row.current, 'new');
      return;
    }
    flash(row.current);
  }, [d]);

  const reason = props.actions.disabledReason;
  const disabled = reason !== null || busy !== null;
  const act = async (kind: Exclude<Busy, null>) => {
    setBusy(kind);
    setError(null);
    try {
      await props.actions[kind](d.id, note.trim() || null);
      setNote('');
      setConfirming(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const severity = d.severity.toLowerCase();
  const brokerSays = d.brokerQuantity === null || d.brokerQuantity === undefined ? 0 : d.brokerQuantity;
  return (
    <tr ref={row} class={`severity-${severity}`} data-discrepancy={d.id} data-status={d.status}>
      <td>
        <span class={`severity-badge ${severity}`}>{d.severity}</span>
      </td>
      <td class="what">
        {formatEnum(d.type)}
        <div class="message">{d.message}</div>
      </td>
      <td data-label="Account">{d.account}</td>
      <td data-label="Contract" class="contract" title={d.contract.localSymbol ?? ''}>
        {describeContract(d.contract)}
      </td>
      <td data-label="Broker" class="num">
        {formatQuantity(d.brokerQuantity)}
      </td>
      <td data-label="Store" class="num">
        {formatQuantity(d.storeQuantity)}
      </td>
      <td data-label="Diff" class="num">
        {formatSignedQuantity(d.difference)}
      </td>
      <td
        data-label="Since"
        title={`first seen ${formatDateTime(d.firstSeenAt)}, last seen ${formatDateTime(d.lastSeenAt)}`}
      >
        {formatTime(d.firstSeenAt)}
      </td>
      <td data-label="Status" class="status" data-testid="discrepancy-status">
        <span class={`status-word ${d.status.toLowerCase()}`}>{formatEnum(d.status)}</span>
        {d.acknowledgedAt && <span class="muted"> {formatTime(d.acknowledgedAt)}</span>}
        {d.note && (
          <div class="note" data-testid="discrepancy-note">
            “{d.note}”
          </div>
        )}
      </td>
      <td class="actions">
        {confirming ? (
          <fieldset class="confirm" aria-label="Confirm accepting the broker's view">
            <span>Set the store to {formatQuantity(brokerSays)}?</span>
            <button type="button" class="danger" disabled={disabled} onClick={() => act('resolve')}>
              {busy === 'resolve' ? 'Writing…' : 'Confirm'}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </fieldset>
        ) : (
          <div class="buttons">
            <input
              type="text"
              placeholder="note (optional)"
              aria-label="Note"
              maxLength={500}
              value={note}
              disabled={disabled}
              title={reason ?? undefined}
              onInput={(e) => setNote((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => e.key === 'Enter' && !disabled && act('acknowledge')}
            />
            <button
              type="button"
              disabled={disabled}
              title={reason ?? 'Mark it as seen; it stays open until a run no longer finds it'}
              onClick={() => act('acknowledge')}
            >
              {busy === 'acknowledge'
                ? 'Saving…'
                : d.status === 'ACKNOWLEDGED'
                  ? 'Update note'
                  : 'Acknowledge'}
            </button>
            <button
              type="button"
              disabled={disabled}
              title={reason ?? "Accept the broker's view: the store takes the broker's quantity"}
              onClick={() => setConfirming(true)}
            >
              Accept broker
            </button>
          </div>
        )}
        {error && (
          <div class="error" role="alert">
            {error}
          </div>
        )}
      </td>
    </tr>
  );
}
