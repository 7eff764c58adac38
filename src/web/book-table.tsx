import { Component, createRef } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { describeContract } from '../domain/contract.js';
import { matchesBookFilter, summarizeByAccount } from './book-summary.js';
import { flash } from './flash.js';
import { formatMoney, formatQuantity, formatSignedMoney, formatTime, signClass } from './format.js';
import type { PositionPartsFragment } from './gql/graphql.js';

const NO_PRICE_HINT =
  'No market data for this account yet: IB sends prices for one account at a time (the one the service follows)';

/** The store's current book with per-account totals; a row lights up when a live update changes it. */
export function BookTable(props: {
  readonly positions: readonly PositionPartsFragment[];
  readonly loaded: boolean;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(
    () => (filter.trim() ? props.positions.filter((p) => matchesBookFilter(p, filter)) : props.positions),
    [props.positions, filter],
  );
  const accounts = useMemo(() => summarizeByAccount(props.positions), [props.positions]);
  // Rows that appear after the first full render are news; the first render is not.
  const settled = useRef(false);
  const flashNew = settled.current;
  if (props.loaded) settled.current = true;

  return (
    <section class="panel book" aria-labelledby="book-title">
      <div class="panel-header">
        <h2 id="book-title">
          Book{' '}
          <span class="count" data-testid="book-count">
            {props.positions.length}
          </span>
        </h2>
        <div class="account-totals">
          {accounts.map((a) => (
            <span class="account-total" key={a.account} data-account={a.account}>
              <strong>{a.account}</strong> {a.positions} positions · value {formatMoney(a.marketValue)} ·
              P&amp;L <span class={signClass(a.unrealizedPnl)}>{formatSignedMoney(a.unrealizedPnl)}</span>
              {a.unpriced > 0 && (
                <span class="muted" title={NO_PRICE_HINT}>
                  {' '}
                  ({a.unpriced} without price)
                </span>
              )}
            </span>
          ))}
        </div>
        <input
          type="search"
          class="filter"
          placeholder="Filter: symbol, account, strike…"
          aria-label="Filter the book"
          value={filter}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="scroll">
        <table data-testid="book">
          <thead>
            <tr>
              <th>Account</th>
              <th>Contract</th>
              <th class="num">Qty</th>
              <th class="num" title="What a contract cost on average, its multiplier included (IB's figure)">
                Avg cost <span class="unit">per contract</span>
              </th>
              <th class="num" title={NO_PRICE_HINT}>
                Price <span class="unit">per share</span>
              </th>
              <th class="num">Value</th>
              <th class="num">Unrealized P&amp;L</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <BookRow key={p.id} position={p} flashOnMount={flashNew} />
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={8} class="empty">
                  {!props.loaded
                    ? 'Loading the book…'
                    : props.positions.length === 0
                      ? 'No open positions in the store.'
                      : `No position matches “${filter.trim()}”.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `5.15 per share × 100`: the average cost in the price's unit, for a contract of many shares. */
function perShareCost(p: PositionPartsFragment): string | undefined {
  const multiplier = p.contract.multiplier;
  if (p.averageCost === null || p.averageCost === undefined || !multiplier || multiplier === 1)
    return undefined;
  return `${formatMoney(p.averageCost / multiplier)} per share × ${formatQuantity(multiplier)}`;
}

interface BookRowProps {
  readonly position: PositionPartsFragment;
  readonly flashOnMount: boolean;
}

/** A class so a 500-row book re-renders only the rows whose position object changed. */
class BookRow extends Component<BookRowProps> {
  readonly #row = createRef<HTMLTableRowElement>();

  override shouldComponentUpdate(next: BookRowProps): boolean {
    return next.position !== this.props.position;
  }

  override componentDidMount(): void {
    if (this.props.flashOnMount) flash(this.#row.current, 'new');
  }

  override componentDidUpdate(): void {
    flash(this.#row.current);
  }

  override render() {
    const p = this.props.position;
    const unpriced = p.marketPrice === null || p.marketPrice === undefined;
    return (
      <tr ref={this.#row} data-position={p.id} data-account={p.account}>
        <td>{p.account}</td>
        <td class="contract" title={p.contract.localSymbol ?? ''}>
          {describeContract(p.contract)}
        </td>
        <td class={`num ${p.quantity < 0 ? 'short' : 'long'}`} data-testid="quantity">
          {formatQuantity(p.quantity)}
        </td>
        <td class="num" title={perShareCost(p)}>
          {formatMoney(p.averageCost)}
        </td>
        <td class="num" title={unpriced ? NO_PRICE_HINT : undefined}>
          {formatMoney(p.marketPrice)}
        </td>
        <td class="num">{formatMoney(p.marketValue)}</td>
        <td class={`num ${signClass(p.unrealizedPnl)}`}>{formatSignedMoney(p.unrealizedPnl)}</td>
        <td class="muted" title={p.source}>
          {formatTime(p.updatedAt)}
        </td>
      </tr>
    );
  }
}
