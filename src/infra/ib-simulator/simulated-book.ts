import type { Clock } from './clock.js';
import { type Contract, isOption } from './contract.js';
import { SimulatorError } from './simulator-error.js';
import { tradingDay } from './trading-day.js';
import { roundToCent } from './wire/wire-number.js';

/** One row as the broker reports it, valued at the simulator's current price for its conId. */
export interface SimulatedPosition {
  readonly account: string;
  readonly contract: Contract;
  /** 0 for a position closed today: the row stays in the reports until the trading day ends. */
  readonly quantity: number;
  /** Per contract, including the multiplier (a premium of 5.12 on a 100-multiplier option is 512). */
  readonly averageCost: number;
  /** Per unit, without the multiplier. */
  readonly marketPrice: number;
  /** quantity × marketPrice × multiplier, to the cent. */
  readonly marketValue: number;
  /** marketValue − quantity × averageCost, to the cent. */
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
}

export interface OpenTerms {
  readonly averageCost?: number;
  readonly marketPrice?: number;
}

export interface ChangeTerms {
  readonly averageCost?: number;
}

interface Holding {
  readonly account: string;
  contract: Contract;
  quantity: number;
  averageCost: number;
  realizedPnl: number;
  /** The trading day the holding went to 0; undefined while it is open. */
  closedOn: string | undefined;
}

/**
 * What the simulated broker holds: positions per (account, conId), the last price of each conId,
 * and each account's cash. Trades fill at the current price; the money fields follow the rules TWS
 * reports by (average cost with the multiplier, P&L realised on the part of a position reduced).
 */
export class SimulatedBook {
  readonly #holdings = new Map<string, Holding>();
  readonly #prices = new Map<number, number>();
  readonly #cash = new Map<string, number>();

  constructor(
    readonly accounts: readonly string[],
    private readonly clock: Clock,
    startingCash: number,
  ) {
    for (const account of accounts) this.#cash.set(account, startingCash);
  }

  /** Every row the broker reports now, ordered by account then conId. */
  positions(): SimulatedPosition[] {
    return this.#visible()
      .sort((a, b) =>
        a.account === b.account ? a.contract.conId - b.contract.conId : a.account < b.account ? -1 : 1,
      )
      .map((h) => this.#value(h));
  }

  positionsOf(account: string): SimulatedPosition[] {
    return this.positions().filter((p) => p.account === account);
  }

  position(account: string, conId: number): SimulatedPosition | undefined {
    const holding = this.#holding(account, conId);
    return holding ? this.#value(holding) : undefined;
  }

  cash(account: string): number {
    this.#requireAccount(account);
    return this.#cash.get(account) ?? 0;
  }

  price(conId: number): number | undefined {
    return this.#prices.get(conId);
  }

  open(account: string, contract: Contract, quantity: number, terms: OpenTerms = {}): SimulatedPosition {
    this.#requireAccount(account);
    validateContract(contract);
    requireQuantity(quantity, { allowZero: false });
    const existing = this.#holding(account, contract.conId);
    if (existing && existing.quantity !== 0) {
      throw new SimulatorError(
        'POSITION_EXISTS',
        `${account} already holds conId ${contract.conId} (quantity ${existing.quantity}); use change`,
      );
    }
    const multiplier = multiplierOf(contract);
    if (terms.averageCost !== undefined) requirePrice(terms.averageCost, 'average cost');
    if (terms.marketPrice !== undefined) requirePrice(terms.marketPrice, 'market price');
    const price =
      terms.marketPrice ??
      this.#prices.get(contract.conId) ??
      (terms.averageCost === undefined ? undefined : terms.averageCost / multiplier);
    if (price === undefined) {
      throw new SimulatorError(
        'INVALID_PRICE',
        `conId ${contract.conId} has no price yet: give a marketPrice or an averageCost`,
      );
    }
    this.#prices.set(contract.conId, price);
    const averageCost = terms.averageCost ?? roundCost(price * multiplier);
    this.#pay(account, quantity * averageCost);
    const holding: Holding = {
      account,
      contract,
      quantity,
      averageCost,
      realizedPnl: existing?.realizedPnl ?? 0,
      closedOn: undefined,
    };
    this.#holdings.set(holdingKey(account, contract.conId), holding);
    return this.#value(holding);
  }

  /** Trades to `quantity` at the current price; 0 closes. */
  change(account: string, conId: number, quantity: number, terms: ChangeTerms = {}): SimulatedPosition {
    const holding = this.#require(account, conId);
    requireQuantity(quantity, { allowZero: true });
    if (terms.averageCost !== undefined) requirePrice(terms.averageCost, 'average cost');
    const multiplier = multiplierOf(holding.contract);
    const fillCost = roundCost((this.#prices.get(conId) ?? holding.averageCost / multiplier) * multiplier);
    const old = holding.quantity;
    this.#pay(account, (quantity - old) * fillCost);
    if (old !== 0 && (quantity === 0 || Math.sign(quantity) !== Math.sign(old))) {
      // The whole old position is closed out (and maybe reversed): all of it is realised.
      holding.realizedPnl += old * (fillCost - holding.averageCost);
      holding.averageCost = quantity === 0 ? 0 : fillCost;
    } else if (Math.abs(quantity) < Math.abs(old)) {
      holding.realizedPnl += (old - quantity) * (fillCost - holding.averageCost);
    } else if (quantity !== old) {
      holding.averageCost = roundCost((old * holding.averageCost + (quantity - old) * fillCost) / quantity);
    }
    holding.quantity = quantity;
    if (quantity !== 0 && terms.averageCost !== undefined) holding.averageCost = terms.averageCost;
    holding.realizedPnl = roundToCent(holding.realizedPnl);
    holding.closedOn = quantity === 0 ? tradingDay(this.clock.now()) : undefined;
    return this.#value(holding);
  }

  close(account: string, conId: number): SimulatedPosition {
    const holding = this.#require(account, conId);
    if (holding.quantity === 0) {
      throw new SimulatorError('UNKNOWN_POSITION', `${account} has no open position in conId ${conId}`);
    }
    return this.change(account, conId, 0);
  }

  /** Forgets the row entirely: the broker stops reporting the key. Returns its last state. */
  remove(account: string, conId: number): SimulatedPosition {
    const holding = this.#require(account, conId);
    const last = this.#value(holding);
    this.#holdings.delete(holdingKey(account, conId));
    return last;
  }

  setPrice(conId: number, price: number): void {
    requirePrice(price, 'price');
    this.#prices.set(conId, price);
  }

  #visible(): Holding[] {
    const today = tradingDay(this.clock.now());
    return [...this.#holdings.values()].filter((h) => h.quantity !== 0 || h.closedOn === today);
  }

  #holding(account: string, conId: number): Holding | undefined {
    const holding = this.#holdings.get(holdingKey(account, conId));
    if (!holding || (holding.quantity === 0 && holding.closedOn !== tradingDay(this.clock.now()))) {
      return undefined;
    }
    return holding;
  }

  #require(account: string, conId: number): Holding {
    this.#requireAccount(account);
    const holding = this.#holding(account, conId);
    if (!holding)
      throw new SimulatorError('UNKNOWN_POSITION', `${account} has no position in conId ${conId}`);
    return holding;
  }

  #requireAccount(account: string): void {
    if (!this.#cash.has(account)) {
      throw new SimulatorError(
        'UNKNOWN_ACCOUNT',
        `unknown account ${account} (known: ${this.accounts.join(', ')})`,
      );
    }
  }

  #pay(account: string, amount: number): void {
    this.#cash.set(account, roundToCent((this.#cash.get(account) ?? 0) - amount));
  }

  #value(holding: Holding): SimulatedPosition {
    const marketPrice = this.#prices.get(holding.contract.conId) ?? 0;
    const marketValue = roundToCent(holding.quantity * marketPrice * multiplierOf(holding.contract));
    return {
      account: holding.account,
      contract: holding.contract,
      quantity: holding.quantity,
      averageCost: holding.averageCost,
      marketPrice,
      marketValue,
      unrealizedPnl: roundToCent(marketValue - holding.quantity * holding.averageCost),
      realizedPnl: holding.realizedPnl,
    };
  }
}

/** Holdings are kept per (account, conId), as TWS reports them. */
function holdingKey(account: string, conId: number): string {
  return `${account}:${conId}`;
}

/**
 * Average costs keep six decimals: enough for any premium and commission, and no binary residue
 * such as 14694.999999999998 for a fill at 146.95 × 100.
 */
function roundCost(cost: number): number {
  const rounded = Math.round(cost * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Stocks have no multiplier on the wire; their money arithmetic uses 1. */
export function multiplierOf(contract: Contract): number {
  return contract.multiplier ?? 1;
}

function validateContract(contract: Contract): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(contract.conId) || contract.conId <= 0)
    problems.push('conId must be a positive integer');
  if (!contract.symbol) problems.push('symbol is required');
  if (!contract.secType) problems.push('secType is required');
  if (!contract.currency) problems.push('currency is required');
  if (contract.multiplier !== undefined && !(contract.multiplier > 0))
    problems.push('multiplier must be positive');
  if (isOption(contract)) {
    if (!contract.expiry || !/^\d{8}$/.test(contract.expiry))
      problems.push('an option needs expiry YYYYMMDD');
    if (contract.strike === undefined || !(contract.strike > 0))
      problems.push('an option needs a positive strike');
    if (contract.right !== 'CALL' && contract.right !== 'PUT')
      problems.push('an option needs right CALL or PUT');
    if (contract.multiplier === undefined) problems.push('an option needs a multiplier');
  }
  for (const [name, value] of Object.entries(contract)) {
    if (typeof value === 'string' && value.includes('\0')) problems.push(`${name} may not contain NUL`);
  }
  if (problems.length > 0) {
    throw new SimulatorError('INVALID_CONTRACT', `contract ${contract.conId}: ${problems.join('; ')}`);
  }
}

function requireQuantity(quantity: number, { allowZero }: { allowZero: boolean }): void {
  if (!Number.isFinite(quantity) || (!allowZero && quantity === 0)) {
    throw new SimulatorError(
      'INVALID_QUANTITY',
      `quantity must be a finite${allowZero ? '' : ', non-zero'} number, got ${quantity}`,
    );
  }
}

function requirePrice(price: number, what: string): void {
  if (!Number.isFinite(price) || price < 0) {
    throw new SimulatorError('INVALID_PRICE', `${what} must be a finite number ≥ 0, got ${price}`);
  }
}
