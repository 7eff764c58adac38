/** Bought or sold: the words IB uses for an execution's side. */
export type ExecutionSide = 'BOT' | 'SLD';

/** Whether the execution added liquidity to the market, took it, or was routed elsewhere. */
export type Liquidity = 'ADDED' | 'REMOVED' | 'ROUTED_OUT';

/**
 * IB's record of one fill of one order in one account. Several executions can fill one order; a
 * correction is a later execution with the same execId up to its last period (see
 * execution-correction.ts). Times are to the second, as TWS reports them.
 */
export interface Execution {
  readonly account: string;
  readonly conId: number;
  readonly execId: string;
  readonly time: Date;
  readonly side: ExecutionSide;
  /** Unsigned, as IB reports them; 0 only for a correction that busts an execution. */
  readonly shares: number;
  /** Per unit, without the multiplier or the commission. */
  readonly price: number;
  /** What the order has filled so far, this execution included. */
  readonly cumQty: number;
  /** The placing client's order id; undefined for an order placed by hand in TWS. */
  readonly orderId?: number | undefined;
  /** The API client that placed the order; 0 for TWS itself. */
  readonly clientId: number;
  /** The order's id across the account. */
  readonly permId: number;
  /** Where it executed. */
  readonly exchange: string;
  readonly liquidity?: Liquidity | undefined;
  /** From the commission report, once it has arrived. */
  readonly commission?: number | undefined;
  /** From the commission report, net of commission; undefined when nothing was realised. */
  readonly realizedPnl?: number | undefined;
}

/** Shares with the sign of the side: what the execution does to the position's quantity. */
export function signedShares(execution: Pick<Execution, 'side' | 'shares'>): number {
  return execution.side === 'BOT' ? execution.shares : -execution.shares;
}
