import { describeContract } from '../domain/contract.js';
import { formatMoney, formatQuantity, formatTime } from './format.js';
import type { PositionPartsFragment } from './gql/graphql.js';

export function BookTable(props: { readonly positions: readonly PositionPartsFragment[] }) {
  return (
    <section class="panel book">
      <h2>
        Book <span class="count">{props.positions.length}</span>
      </h2>
      <div class="scroll">
        <table data-testid="book">
          <thead>
            <tr>
              <th>Account</th>
              <th>Contract</th>
              <th class="num">Qty</th>
              <th class="num">Avg cost</th>
              <th class="num">Price</th>
              <th class="num">Value</th>
              <th class="num">Unrealized P&amp;L</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {props.positions.map((p) => (
              <tr key={p.id} data-position={p.id}>
                <td>{p.account}</td>
                <td title={p.contract.localSymbol ?? ''}>{describeContract(p.contract)}</td>
                <td class={`num ${p.quantity < 0 ? 'short' : 'long'}`}>{formatQuantity(p.quantity)}</td>
                <td class="num">{formatMoney(p.averageCost)}</td>
                <td class="num">{formatMoney(p.marketPrice)}</td>
                <td class="num">{formatMoney(p.marketValue)}</td>
                <td class={`num ${(p.unrealizedPnl ?? 0) < 0 ? 'loss' : 'gain'}`}>
                  {formatMoney(p.unrealizedPnl)}
                </td>
                <td>{formatTime(p.updatedAt)}</td>
              </tr>
            ))}
            {props.positions.length === 0 && (
              <tr>
                <td colSpan={8} class="empty">
                  No open positions in the store.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
