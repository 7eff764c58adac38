import type { Contract } from './contract.js';
import type { ExecutionFeed } from './execution-feed.js';
import type {
  ExecutionCorrection,
  ExecutionLedger,
  SimulatedExecution,
  TradeTerms,
} from './execution-ledger.js';
import type { PortfolioFeed } from './portfolio-feed.js';
import type { PositionFeed } from './position-feed.js';
import type { PositionMultiFeed } from './position-multi-feed.js';
import type { ChangeTerms, OpenTerms, SimulatedBook, SimulatedPosition } from './simulated-book.js';
import { SimulatorError } from './simulator-error.js';
import type { NoTradeReason, PositionChangeKind, UnstampedEvent } from './simulator-events.js';

export interface RemoveOptions {
  /** True: the key vanishes with no word to anyone. False (default): a last quantity-0 row is pushed. */
  readonly silent?: boolean;
  readonly reason?: NoTradeReason;
}

/** What a change with no trade stands for; it shows in the events and the log. */
export interface NoTradeTerms {
  readonly reason?: NoTradeReason;
}

/**
 * Position changes with no trade that reach no client: an assignment, exercise, expiry or
 * transfer, as a store sees it drift from its broker with no execution to explain it.
 */
export interface SilentTrading {
  open(
    account: string,
    contract: Contract,
    quantity: number,
    terms?: OpenTerms & NoTradeTerms,
  ): SimulatedPosition;
  change(
    account: string,
    conId: number,
    quantity: number,
    terms?: ChangeTerms & NoTradeTerms,
  ): SimulatedPosition;
  close(account: string, conId: number, terms?: NoTradeTerms): SimulatedPosition;
}

/**
 * Trades whose executions TWS keeps (REQ_EXECUTIONS returns them) but whose live executions and
 * position change never reached a client: how a store misses fills.
 */
export interface LostFills {
  open(
    account: string,
    contract: Contract,
    quantity: number,
    terms?: OpenTerms & TradeTerms,
  ): SimulatedPosition;
  change(
    account: string,
    conId: number,
    quantity: number,
    terms?: ChangeTerms & TradeTerms,
  ): SimulatedPosition;
  close(account: string, conId: number, terms?: TradeTerms): SimulatedPosition;
  correct(execId: string, correction: ExecutionCorrection): SimulatedExecution;
}

export interface TradingContext {
  readonly book: SimulatedBook;
  readonly ledger: ExecutionLedger;
  readonly executionFeed: ExecutionFeed;
  readonly positionFeed: PositionFeed;
  readonly positionMultiFeed: PositionMultiFeed;
  readonly portfolioFeed: PortfolioFeed;
  readonly emit: (event: UnstampedEvent) => void;
}

/**
 * How the control API changes the book and who hears of it: announced trades (executions, then
 * the position change to every positions and portfolio subscriber, then commission reports), lost
 * fills (executions kept, nothing sent), changes with no trade (nothing sent, no execution) and
 * corrections of executions.
 */
export class Trading {
  readonly silently: SilentTrading;
  readonly lostFills: LostFills;

  constructor(private readonly context: TradingContext) {
    const { book } = context;
    this.silently = {
      open: (account, contract, quantity, terms) =>
        this.#announce('open', book.open(account, contract, quantity, terms), {
          silent: true,
          reason: terms?.reason,
        }),
      change: (account, conId, quantity, terms) =>
        this.#announce(quantity === 0 ? 'close' : 'change', book.change(account, conId, quantity, terms), {
          silent: true,
          reason: terms?.reason,
        }),
      close: (account, conId, terms) =>
        this.#announce('close', book.close(account, conId), { silent: true, reason: terms?.reason }),
    };
    this.lostFills = {
      open: (account, contract, quantity, terms = {}) =>
        this.#trade('open', account, contract.conId, quantity, terms, true, () =>
          book.open(account, contract, quantity, terms),
        ),
      change: (account, conId, quantity, terms = {}) =>
        this.#trade(quantity === 0 ? 'close' : 'change', account, conId, quantity, terms, true, () =>
          book.change(account, conId, quantity, terms),
        ),
      close: (account, conId, terms = {}) =>
        this.#trade('close', account, conId, 0, terms, true, () => book.close(account, conId)),
      correct: (execId, correction) => this.#correct(execId, correction, true),
    };
  }

  open(
    account: string,
    contract: Contract,
    quantity: number,
    terms: OpenTerms & TradeTerms = {},
  ): SimulatedPosition {
    return this.#trade('open', account, contract.conId, quantity, terms, false, () =>
      this.context.book.open(account, contract, quantity, terms),
    );
  }

  change(
    account: string,
    conId: number,
    quantity: number,
    terms: ChangeTerms & TradeTerms = {},
  ): SimulatedPosition {
    const kind = quantity === 0 ? 'close' : 'change';
    return this.#trade(kind, account, conId, quantity, terms, false, () =>
      this.context.book.change(account, conId, quantity, terms),
    );
  }

  close(account: string, conId: number, terms: TradeTerms = {}): SimulatedPosition {
    return this.#trade('close', account, conId, 0, terms, false, () =>
      this.context.book.close(account, conId),
    );
  }

  correctExecution(execId: string, correction: ExecutionCorrection): SimulatedExecution {
    return this.#correct(execId, correction, false);
  }

  remove(account: string, conId: number, options: RemoveOptions = {}): SimulatedPosition {
    const last = this.context.book.remove(account, conId);
    const gone = { ...last, quantity: 0, averageCost: 0, marketValue: 0, unrealizedPnl: 0 };
    return this.#announce('remove', gone, { silent: options.silent ?? false, reason: options.reason });
  }

  /**
   * A trade through the book, with its executions: announced, they are pushed around the position
   * change as TWS does (executions, position, commission reports); lost, they are only kept.
   */
  #trade(
    change: PositionChangeKind,
    account: string,
    conId: number,
    target: number,
    terms: TradeTerms,
    lost: boolean,
    apply: () => SimulatedPosition,
  ): SimulatedPosition {
    const before = this.context.book.position(account, conId);
    const beforeQuantity = before?.quantity ?? 0;
    if (Number.isFinite(target) && target !== beforeQuantity) {
      this.context.ledger.checkTerms(Math.abs(target - beforeQuantity), terms);
    }
    const after = apply();
    const executions = this.context.ledger.recordTrade(
      {
        account,
        contract: after.contract,
        before: beforeQuantity,
        after: after.quantity,
        price: after.marketPrice,
        realized: after.realizedPnl - (before?.realizedPnl ?? 0),
      },
      terms,
    );
    for (const execution of executions) this.context.emit({ type: 'execution', execution, lost });
    if (!lost) this.context.executionFeed.pushExecutions(executions);
    this.#announce(change, after, { silent: lost });
    if (!lost) this.context.executionFeed.pushCommissionReports(executions);
    return after;
  }

  #correct(execId: string, correction: ExecutionCorrection, lost: boolean): SimulatedExecution {
    const replaced = this.context.ledger.checkCorrection(execId, correction);
    const sign = replaced.side === 'BOT' ? 1 : -1;
    const delta = sign * ((correction.shares ?? replaced.shares) - replaced.shares);
    const { account, contract } = replaced;
    const holding = this.context.book.position(account, contract.conId);
    if (delta !== 0 && !holding) {
      throw new SimulatorError('UNKNOWN_POSITION', `${account} no longer reports conId ${contract.conId}`);
    }
    const corrected = this.context.ledger.correct(execId, correction);
    this.context.emit({ type: 'execution', execution: corrected, lost });
    if (!lost) this.context.executionFeed.pushExecutions([corrected]);
    if (delta !== 0 && holding) {
      const quantity = holding.quantity + delta;
      const position = this.context.book.change(account, contract.conId, quantity);
      this.#announce(quantity === 0 ? 'close' : 'change', position, { silent: lost });
    }
    if (!lost) this.context.executionFeed.pushCommissionReports([corrected]);
    return corrected;
  }

  #announce(
    change: PositionChangeKind,
    position: SimulatedPosition,
    { silent, reason }: { silent: boolean; reason?: NoTradeReason | undefined },
  ): SimulatedPosition {
    if (!silent) {
      this.context.positionFeed.push(position);
      this.context.positionMultiFeed.push(position);
      this.context.portfolioFeed.push(position);
    }
    this.context.emit({ type: 'position-changed', change, silent, position, ...(reason ? { reason } : {}) });
    return position;
  }
}
