import type { Cancel, Clock } from '../clock.js';
import { tradingDay } from '../trading-day.js';
import type { TwsSimulator } from '../tws-simulator.js';
import { DEMO_UNDERLYINGS, type ListedOption, listOptions, type Underlying } from './option-catalog.js';
import { theoreticalPremium, toTick } from './option-pricing.js';
import { Dice, type RandomSource } from './seeded-random.js';

/** What the scenario needs of a simulator. */
export type ScenarioBroker = Pick<
  TwsSimulator,
  'accounts' | 'positions' | 'open' | 'change' | 'close' | 'silently' | 'lostFills' | 'remove' | 'setPrices'
>;

export interface DemoScenarioOptions {
  readonly clock: Clock;
  /** Every decision comes from here: the same seed and clock replay the same day. */
  readonly random: RandomSource;
  /** Shortest and longest pause between two trades; default 3 to 8 seconds. */
  readonly tradeEveryMs?: readonly [min: number, max: number];
  /** How often underlyings move and option prices follow; default 5 seconds. */
  readonly priceEveryMs?: number;
  /**
   * When the first silent drift happens, a lost-fills one; default 45 seconds, inside the demo's
   * promised 2 minutes.
   */
  readonly firstDriftAfterMs?: number;
  /**
   * How long after the first drift the second comes, of the other flavour (a change with no
   * trade); default 45 seconds, so that both show within two minutes.
   */
  readonly secondDriftAfterMs?: number;
  /** Shortest and longest pause between later drifts, which alternate flavours; default 2 to 4 minutes. */
  readonly driftEveryMs?: readonly [min: number, max: number];
  /**
   * How long a drifted position is left out of the trading; default 2 minutes. A trade on it
   * would push the broker's quantity and quietly repair the drift before a run could find it.
   */
  readonly driftHoldMs?: number;
  /** Open positions each account starts with; default 8. */
  readonly positionsPerAccount?: number;
  readonly underlyings?: readonly Underlying[];
  /** A step that failed (the scenario goes on); default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface DemoStats {
  readonly trades: number;
  readonly priceMoves: number;
  /** Every drift; `lostFillDrifts` of them had executions, the others none. */
  readonly drifts: number;
  readonly lostFillDrifts: number;
  readonly expiredRemoved: number;
}

export interface DemoScenario {
  readonly stats: DemoStats;
  /** Cancels every pending timer; the book stays as it is. */
  stop(): void;
}

type DriftKind = 'change' | 'close' | 'open' | 'remove';

/**
 * Lost fills: trades whose executions exist at the broker but whose messages never reached a
 * client. No trade: an assignment, exercise or transfer, which no execution explains.
 */
type DriftFlavour = 'lost-fills' | 'no-trade';

function heldKey(account: string, conId: number): string {
  return `${account}:${conId}`;
}

const DRIFT_KINDS: readonly DriftKind[] = ['change', 'close', 'open', 'remove'];

/** Pricing moves are exaggerated so a person watching sees P&L move between refreshes. */
const MOVE_SCALE = 4;
const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * A realistic options book that lives: seeded with long and short calls and puts in every account,
 * then trades every few seconds (opens, changes, closes), moves prices, removes options that
 * expired, and now and then changes a position silently so that a reconciler has something real
 * to find (a quantity changed, a position closed or opened, a key gone without a word). Drifts
 * alternate flavours, lost fills first: trades whose executions the broker keeps but whose
 * messages were lost, then changes with no trade (an assignment, exercise or transfer).
 */
export function startDemoScenario(broker: ScenarioBroker, options: DemoScenarioOptions): DemoScenario {
  return new RunningScenario(broker, options);
}

class RunningScenario implements DemoScenario {
  readonly #broker: ScenarioBroker;
  readonly #clock: Clock;
  readonly #dice: Dice;
  readonly #options: DemoScenarioOptions;
  readonly #listed: readonly ListedOption[];
  readonly #byConId: ReadonlyMap<number, ListedOption>;
  readonly #spot = new Map<string, number>();
  readonly #volatility = new Map<string, number>();
  readonly #timers = new Set<Cancel>();
  #stopped = false;
  #lastPriceMove: number;
  /** Drifted keys and when they may be traded again. */
  readonly #heldUntil = new Map<string, number>();
  #stats = { trades: 0, priceMoves: 0, drifts: 0, lostFillDrifts: 0, expiredRemoved: 0 };
  #nextFlavour: DriftFlavour = 'lost-fills';

  constructor(broker: ScenarioBroker, options: DemoScenarioOptions) {
    this.#broker = broker;
    this.#clock = options.clock;
    this.#dice = new Dice(options.random);
    this.#options = options;
    const underlyings = options.underlyings ?? DEMO_UNDERLYINGS;
    for (const u of underlyings) {
      this.#spot.set(u.symbol, u.spot);
      this.#volatility.set(u.symbol, u.volatility);
    }
    this.#listed = listOptions(this.#clock.now(), underlyings);
    this.#byConId = new Map(this.#listed.map((l) => [l.contract.conId, l]));
    this.#lastPriceMove = this.#clock.now().getTime();

    this.#seed(options.positionsPerAccount ?? 8);
    const [tradeMin, tradeMax] = options.tradeEveryMs ?? [3_000, 8_000];
    const [driftMin, driftMax] = options.driftEveryMs ?? [120_000, 240_000];
    const priceEvery = options.priceEveryMs ?? 5_000;
    this.#repeat(
      () => this.#dice.between(tradeMin, tradeMax),
      () => this.#trade(),
    );
    this.#repeat(
      () => priceEvery,
      () => this.#movePrices(),
    );
    this.#after(options.firstDriftAfterMs ?? 45_000, () => {
      try {
        this.#drift();
      } finally {
        this.#after(options.secondDriftAfterMs ?? 45_000, () => {
          try {
            this.#drift();
          } finally {
            this.#repeat(
              () => this.#dice.between(driftMin, driftMax),
              () => this.#drift(),
            );
          }
        });
      }
    });
  }

  get stats(): DemoStats {
    return { ...this.#stats };
  }

  stop(): void {
    this.#stopped = true;
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  #seed(perAccount: number): void {
    for (const account of this.#broker.accounts) {
      for (let i = 0; i < perAccount; i++) this.#openNew(account);
    }
  }

  #trade(): void {
    const account = this.#dice.pick(this.#broker.accounts);
    const now = this.#clock.now().getTime();
    const open = this.#openPositions(account).filter(
      (p) => (this.#heldUntil.get(heldKey(account, p.contract.conId)) ?? 0) <= now,
    );
    const target = this.#options.positionsPerAccount ?? 8;
    const roll = this.#dice.between(0, 1);
    if (open.length < Math.max(2, target / 2) || (roll < 0.35 && open.length < target * 1.5)) {
      this.#openNew(account);
    } else if (roll < 0.75) {
      const position = this.#dice.pick(open);
      this.#broker.change(account, position.contract.conId, this.#nudged(position.quantity));
    } else {
      this.#broker.close(account, this.#dice.pick(open).contract.conId);
    }
    this.#stats.trades++;
  }

  #movePrices(): void {
    const now = this.#clock.now();
    const years = Math.max(0, now.getTime() - this.#lastPriceMove) / YEAR_MS;
    this.#lastPriceMove = now.getTime();
    for (const [symbol, spot] of this.#spot) {
      const sigma = (this.#volatility.get(symbol) ?? 0.2) * Math.sqrt(years) * MOVE_SCALE;
      this.#spot.set(symbol, spot * Math.exp(sigma * this.#dice.normal()));
    }
    const prices = new Map<number, number>();
    for (const position of this.#broker.positions()) {
      const listed = this.#byConId.get(position.contract.conId);
      if (listed) prices.set(listed.contract.conId, this.#premium(listed));
    }
    this.#broker.setPrices(prices);
    this.#stats.priceMoves++;
    this.#removeExpired();
  }

  /** After its expiry date an option is no longer reported: TWS drops it without a message. */
  #removeExpired(): void {
    const today = tradingDay(this.#clock.now());
    for (const position of this.#broker.positions()) {
      const expiry = position.contract.expiry;
      if (!expiry || `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}` >= today) continue;
      this.#broker.remove(position.account, position.contract.conId, { silent: true, reason: 'expiry' });
      this.#stats.expiredRemoved++;
    }
  }

  /** One silent drift of the next flavour, on a key no earlier drift still holds. */
  #drift(): void {
    const flavour = this.#nextFlavour;
    this.#nextFlavour = flavour === 'lost-fills' ? 'no-trade' : 'lost-fills';
    const account = this.#dice.pick(this.#broker.accounts);
    const now = this.#clock.now().getTime();
    const open = this.#openPositions(account);
    const free = open.filter((p) => (this.#heldUntil.get(heldKey(account, p.contract.conId)) ?? 0) <= now);
    const candidates = free.length > 0 ? free : open;
    const kinds: readonly DriftKind[] =
      candidates.length === 0
        ? ['open']
        : flavour === 'lost-fills'
          ? ['change', 'close', 'open']
          : DRIFT_KINDS;
    const kind = this.#dice.pick(kinds);
    const position = candidates.length > 0 ? this.#dice.pick(candidates) : undefined;
    const holdUntil = now + (this.#options.driftHoldMs ?? 120_000);
    if (kind === 'open' || !position) {
      const opened = this.#openNew(account, flavour);
      if (opened !== undefined) this.#heldUntil.set(heldKey(account, opened), holdUntil);
    } else {
      const conId = position.contract.conId;
      this.#heldUntil.set(heldKey(account, conId), holdUntil);
      // A short option goes by assignment, a long one by exercise; a quantity moves by transfer.
      const goes = position.quantity < 0 ? 'assignment' : 'exercise';
      if (kind === 'change') {
        const quantity = this.#nudged(position.quantity);
        if (flavour === 'lost-fills') {
          const fills = Math.abs(quantity - position.quantity) >= 2 ? 2 : 1;
          this.#broker.lostFills.change(account, conId, quantity, { fills });
        } else this.#broker.silently.change(account, conId, quantity, { reason: 'transfer' });
      } else if (kind === 'close') {
        if (flavour === 'lost-fills') this.#broker.lostFills.close(account, conId);
        else this.#broker.silently.close(account, conId, { reason: goes });
      } else this.#broker.remove(account, conId, { silent: true, reason: goes });
    }
    this.#stats.drifts++;
    if (flavour === 'lost-fills') this.#stats.lostFillDrifts++;
  }

  /** Opens a listed option the account does not hold; returns its conId (none when all are held). */
  #openNew(account: string, drift?: DriftFlavour): number | undefined {
    const today = tradingDay(this.#clock.now()).replaceAll('-', '');
    const held = new Set(
      this.#broker.positions().flatMap((p) => (p.account === account ? [p.contract.conId] : [])),
    );
    const candidates = this.#listed.filter(
      (l) => !held.has(l.contract.conId) && (l.contract.expiry ?? '') >= today,
    );
    if (candidates.length === 0) return undefined;
    const listed = this.#dice.pick(candidates);
    const quantity = (this.#dice.chance(0.6) ? 1 : -1) * this.#dice.int(1, 10);
    const terms = { marketPrice: this.#premium(listed) };
    if (drift === 'lost-fills') this.#broker.lostFills.open(account, listed.contract, quantity, terms);
    else if (drift === 'no-trade') {
      this.#broker.silently.open(account, listed.contract, quantity, { ...terms, reason: 'transfer' });
    } else this.#broker.open(account, listed.contract, quantity, terms);
    return listed.contract.conId;
  }

  #openPositions(account: string) {
    return this.#broker.positions().filter((p) => p.account === account && p.quantity !== 0);
  }

  /** A different quantity of the same sign, at least 1 contract. */
  #nudged(quantity: number): number {
    const sign = Math.sign(quantity) || 1;
    const magnitude = Math.abs(quantity);
    const delta = this.#dice.int(1, 5);
    const next = this.#dice.chance(0.5) || magnitude <= delta ? magnitude + delta : magnitude - delta;
    return sign * next;
  }

  #premium(listed: ListedOption): number {
    const { strike = 0, right = 'CALL' } = listed.contract;
    const symbol = listed.underlying;
    return toTick(
      theoreticalPremium({
        spot: this.#spot.get(symbol) ?? strike,
        strike,
        right,
        volatility: this.#volatility.get(symbol) ?? 0.2,
        expiresAt: listed.expiresAt,
        now: this.#clock.now(),
      }),
    );
  }

  #repeat(delay: () => number, step: () => void): void {
    this.#after(delay(), () => {
      try {
        step();
      } finally {
        this.#repeat(delay, step);
      }
    });
  }

  #after(delayMs: number, step: () => void): void {
    if (this.#stopped) return;
    const cancel = this.#clock.schedule(delayMs, () => {
      this.#timers.delete(cancel);
      if (this.#stopped) return;
      try {
        step();
      } catch (error) {
        this.#options.onError?.(error);
      }
    });
    this.#timers.add(cancel);
  }
}
