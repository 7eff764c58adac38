import type { Clock } from './clock.js';
import { type Contract, isOption } from './contract.js';
import { SimulatorError } from './simulator-error.js';
import { tradingDay } from './trading-day.js';
import type { ExecutionSide, LiquidityCode } from './wire/execution-replies.js';
import { roundToCent } from './wire/wire-number.js';

/** One execution as the simulated TWS keeps it for the trading day. */
export interface SimulatedExecution {
  readonly account: string;
  readonly contract: Contract;
  /** `0000e0d5.6790a1b2.01.01`: a correction keeps everything up to the last period. */
  readonly execId: string;
  readonly time: Date;
  readonly side: ExecutionSide;
  /** Unsigned, as TWS reports them; 0 only for a correction that busts the execution. */
  readonly shares: number;
  readonly price: number;
  readonly orderId: number;
  readonly permId: number;
  /** The API client that placed the order; 0 for an order placed in TWS itself. */
  readonly clientId: number;
  readonly exchange: string;
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly liquidity: LiquidityCode;
  readonly commission: number;
  readonly currency: string;
  /** Net of the commission; undefined when the execution realised nothing (it opened or added). */
  readonly realizedPnl: number | undefined;
  /** The execId this one corrects; undefined for an original execution. */
  readonly corrects: string | undefined;
}

/** How a trade is filled and who placed it; every field is optional. */
export interface TradeTerms {
  /** How many executions fill the trade (a whole number of shares each); default 1. */
  readonly fills?: number;
  /** The API client that placed the order; default 0, an order placed by hand in TWS. */
  readonly clientId?: number;
  /** The order's id at that client; default that client's next one (TWS's unset id for client 0). */
  readonly orderId?: number;
  /** Where it executed; default CBOE for options, NYSE otherwise (or the contract's own exchange). */
  readonly exchange?: string;
  /** Default 2: a marketable order removes liquidity. */
  readonly liquidity?: LiquidityCode;
}

/** What a correction changes; what it leaves out stays as it was. 0 shares busts the execution. */
export interface ExecutionCorrection {
  readonly shares?: number;
  readonly price?: number;
}

/** A trade as the book made it: the quantities before and after, at one price. */
export interface BookTrade {
  readonly account: string;
  readonly contract: Contract;
  readonly before: number;
  readonly after: number;
  /** Per unit, without the multiplier. */
  readonly price: number;
  /** The P&L the book realised with this trade, before commissions. */
  readonly realized: number;
}

/** What TWS reports as the order id of an order placed by hand in TWS: Java's Integer.MAX_VALUE. */
export const UNSET_ORDER_ID = 2_147_483_647;
const EXEC_ID_PREFIX = '0000e0d5';
const FIRST_PERM_ID = 1_800_000_001;
/** A day of busy trading is a few thousand executions; the ledger never holds more than this. */
const KEPT_EXECUTIONS = 100_000;

/**
 * The executions of the trading day (America/New_York), as TWS keeps them for REQ_EXECUTIONS:
 * every execution of every client and of TWS itself, corrections next to what they correct.
 * Commissions follow a fixed schedule (options 0.65 a contract, stocks 0.005 a share, at least
 * 1.00 an execution); they are reported, not taken from the account's cash.
 */
export class ExecutionLedger {
  readonly #executions: SimulatedExecution[] = [];
  readonly #nextOrderId = new Map<number, number>();
  #nextSerial: number;
  #nextPermId = FIRST_PERM_ID;

  constructor(private readonly clock: Clock) {
    // The middle of an execution id counts up from the start, in hex, as TWS's ids do.
    this.#nextSerial = Math.floor(clock.now().getTime() / 1000);
  }

  /** Every execution of today, oldest first. */
  today(): SimulatedExecution[] {
    this.#forgetEarlierDays();
    return [...this.#executions];
  }

  /** Throws unless the terms can fill a trade of `shares`; call before the book changes. */
  checkTerms(shares: number, terms: TradeTerms): void {
    const fills = terms.fills ?? 1;
    if (!Number.isSafeInteger(fills) || fills < 1) {
      throw new SimulatorError('INVALID_QUANTITY', `fills must be a whole number ≥ 1, got ${fills}`);
    }
    if (fills > 1 && !(Number.isInteger(shares) && shares >= fills)) {
      throw new SimulatorError(
        'INVALID_QUANTITY',
        `a trade of ${shares} cannot fill in ${fills} executions of whole shares`,
      );
    }
    for (const [name, value] of [
      ['clientId', terms.clientId],
      ['orderId', terms.orderId],
    ] as const) {
      if (value !== undefined && !Number.isSafeInteger(value)) {
        throw new SimulatorError('INVALID_OPTION', `${name} must be an integer, got ${value}`);
      }
    }
    if (terms.exchange?.includes('\0'))
      throw new SimulatorError('INVALID_OPTION', 'exchange may not contain NUL');
  }

  /** The executions of one trade: one order, filled in `terms.fills` executions at one price. */
  recordTrade(trade: BookTrade, terms: TradeTerms = {}): SimulatedExecution[] {
    const delta = trade.after - trade.before;
    if (delta === 0) return [];
    this.checkTerms(Math.abs(delta), terms);
    this.#forgetEarlierDays();
    const clientId = terms.clientId ?? 0;
    const orderId = terms.orderId ?? this.#orderIdFor(clientId);
    const permId = this.#nextPermId++;
    const side: ExecutionSide = delta > 0 ? 'BOT' : 'SLD';
    const parts = split(Math.abs(delta), terms.fills ?? 1);
    const closing = closingShares(trade.before, Math.sign(delta), parts);
    const totalClosing = closing.reduce((sum, c) => sum + c, 0);
    const time = this.clock.now();
    let cumQty = 0;
    const recorded = parts.map((shares, i): SimulatedExecution => {
      cumQty += shares;
      const commission = commissionOf(trade.contract, shares);
      const closed = closing[i] ?? 0;
      return {
        account: trade.account,
        contract: trade.contract,
        execId: this.#newExecId(),
        time,
        side,
        shares,
        price: trade.price,
        orderId,
        permId,
        clientId,
        exchange: terms.exchange ?? executionExchange(trade.contract),
        cumQty,
        avgPrice: trade.price,
        liquidity: terms.liquidity ?? 2,
        commission,
        currency: trade.contract.currency,
        realizedPnl:
          closed === 0 ? undefined : roundToCent((trade.realized * closed) / totalClosing - commission),
        corrects: undefined,
      };
    });
    this.#keep(recorded);
    return recorded;
  }

  /** The latest version of the execution `execId` belongs to (itself, or a later correction). */
  latest(execId: string): SimulatedExecution | undefined {
    const family = familyOf(execId);
    return this.today()
      .filter((e) => familyOf(e.execId) === family)
      .at(-1);
  }

  /** Throws unless `execId` is an execution of today and the correction can be made. */
  checkCorrection(execId: string, correction: ExecutionCorrection): SimulatedExecution {
    const replaced = this.latest(execId);
    if (!replaced) throw new SimulatorError('UNKNOWN_EXECUTION', `no execution ${execId} today`);
    const { shares, price } = correction;
    if (shares !== undefined && !(Number.isFinite(shares) && shares >= 0)) {
      throw new SimulatorError('INVALID_QUANTITY', `corrected shares must be ≥ 0, got ${shares}`);
    }
    if (price !== undefined && !(Number.isFinite(price) && price >= 0)) {
      throw new SimulatorError('INVALID_PRICE', `corrected price must be ≥ 0, got ${price}`);
    }
    return replaced;
  }

  /**
   * A correction of the latest version of `execId`'s execution: the same id up to the last period,
   * the next number after it, the time of the correction. Both versions stay in the day's list.
   */
  correct(execId: string, correction: ExecutionCorrection): SimulatedExecution {
    const replaced = this.checkCorrection(execId, correction);
    const shares = correction.shares ?? replaced.shares;
    const price = correction.price ?? replaced.price;
    const cumQty = replaced.cumQty - replaced.shares + shares;
    const value = replaced.avgPrice * replaced.cumQty - replaced.price * replaced.shares + price * shares;
    const corrected: SimulatedExecution = {
      ...replaced,
      execId: nextVersion(replaced.execId),
      time: this.clock.now(),
      shares,
      price,
      cumQty,
      avgPrice: cumQty > 0 ? value / cumQty : 0,
      commission: shares === 0 ? 0 : commissionOf(replaced.contract, shares),
      corrects: replaced.execId,
    };
    this.#keep([corrected]);
    return corrected;
  }

  #keep(executions: readonly SimulatedExecution[]): void {
    this.#executions.push(...executions);
    const excess = this.#executions.length - KEPT_EXECUTIONS;
    if (excess > 0) this.#executions.splice(0, excess);
  }

  #forgetEarlierDays(): void {
    const today = tradingDay(this.clock.now());
    const first = this.#executions.findIndex((e) => tradingDay(e.time) === today);
    this.#executions.splice(0, first === -1 ? this.#executions.length : first);
  }

  #newExecId(): string {
    const serial = (this.#nextSerial++ >>> 0).toString(16).padStart(8, '0');
    return `${EXEC_ID_PREFIX}.${serial}.01.01`;
  }

  #orderIdFor(clientId: number): number {
    if (clientId === 0) return UNSET_ORDER_ID;
    const next = this.#nextOrderId.get(clientId) ?? 1;
    this.#nextOrderId.set(clientId, next + 1);
    return next;
  }
}

/** Everything up to the last period: what a correction shares with what it corrects. */
export function familyOf(execId: string): string {
  const dot = execId.lastIndexOf('.');
  return dot === -1 ? execId : execId.slice(0, dot);
}

function nextVersion(execId: string): string {
  const dot = execId.lastIndexOf('.');
  const suffix = execId.slice(dot + 1);
  const next = (Number.parseInt(suffix, 16) + 1).toString(16).padStart(suffix.length, '0');
  return `${execId.slice(0, dot)}.${next}`;
}

/** `shares` in `fills` whole parts, the larger ones first (one part when there is one fill). */
function split(shares: number, fills: number): number[] {
  if (fills === 1) return [shares];
  const base = Math.floor(shares / fills);
  const extra = shares - base * fills;
  return Array.from({ length: fills }, (_, i) => base + (i < extra ? 1 : 0));
}

/** How much of each fill reduced the position it traded against (the part that realises P&L). */
function closingShares(before: number, direction: number, parts: readonly number[]): number[] {
  let running = before;
  return parts.map((shares) => {
    const closing = Math.sign(running) === -direction ? Math.min(shares, Math.abs(running)) : 0;
    running += direction * shares;
    return closing;
  });
}

function commissionOf(contract: Contract, shares: number): number {
  const rate = isOption(contract) ? 0.65 : 0.005;
  return roundToCent(Math.max(1, rate * shares));
}

function executionExchange(contract: Contract): string {
  if (contract.exchange && contract.exchange !== 'SMART') return contract.exchange;
  return isOption(contract) ? 'CBOE' : 'NYSE';
}
