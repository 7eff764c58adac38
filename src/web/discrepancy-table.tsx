import { useRef } from 'preact/hooks';
import { DiscrepancyRow } from './discrepancy-row.js';
import type { DiscrepancyPartsFragment } from './gql/graphql.js';
import type { VerificationWords } from './verification-words.js';

export interface DiscrepancyActions {
  /** Null when the page may act; otherwise why the buttons are disabled. */
  readonly disabledReason: string | null;
  acknowledge(id: string, note: string | null): Promise<void>;
  resolve(id: string, note: string | null): Promise<void>;
}

/** Active discrepancies, most dangerous first; rows come and go as the service reports them. */
export function DiscrepancyTable(props: {
  readonly discrepancies: readonly DiscrepancyPartsFragment[];
  readonly actions: DiscrepancyActions;
  readonly loaded: boolean;
  readonly verification: VerificationWords;
}) {
  const settled = useRef(false);
  const flashNew = settled.current;
  if (props.loaded) settled.current = true;
  const critical = props.discrepancies.filter((d) => d.severity === 'CRITICAL').length;
  return (
    <section class="panel discrepancies" aria-labelledby="discrepancies-title">
      <div class="panel-header">
        <h2 id="discrepancies-title">
          Open discrepancies{' '}
          <span class={`count ${critical > 0 ? 'critical' : ''}`} data-testid="discrepancy-count">
            {props.discrepancies.length}
          </span>
        </h2>
        {critical > 0 && <span class="severity critical">{critical} critical</span>}
        {props.actions.disabledReason && props.discrepancies.length > 0 && (
          <span class="hint" data-testid="actions-disabled-reason">
            {props.actions.disabledReason}
          </span>
        )}
      </div>
      <div class="scroll">
        <table data-testid="discrepancies">
          <thead>
            <tr>
              <th>Severity</th>
              <th>What</th>
              <th>Account</th>
              <th>Contract</th>
              <th class="num">Broker</th>
              <th class="num">Store</th>
              <th class="num">Diff</th>
              <th>Since</th>
              <th>Status</th>
              <th>Action</th>
            </tr>
          </thead>
          <tbody>
            {props.discrepancies.map((d) => (
              <DiscrepancyRow key={d.id} discrepancy={d} actions={props.actions} flashOnMount={flashNew} />
            ))}
            {props.discrepancies.length === 0 && (
              <tr>
                <td colSpan={10} class="empty">
                  {!props.loaded
                    ? 'Loading…'
                    : props.verification.verified
                      ? 'Nothing open: the store agrees with the broker.'
                      : `Nothing open. ${props.verification.text}.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
