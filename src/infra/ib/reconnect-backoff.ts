/** How long to wait between connection attempts. */
export interface BackoffPolicy {
  /** The first delay, and the shortest any delay may be. */
  readonly initialDelayMs: number;
  /** The longest any delay may be. */
  readonly maxDelayMs: number;
  /**
   * Spread as a fraction of the delay (0.2: ±20 %), so that several programs restarted together
   * by a TWS restart do not all knock at the same instant.
   */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, jitter: 0.2 };

/**
 * Exponential backoff with jitter: the n-th delay after the last healthy session is
 * initial × 2ⁿ, spread by the jitter, and kept within [initial, max].
 */
export class ReconnectBackoff {
  #attempts = 0;

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Failed or lost attempts since the last reset. */
  get attempts(): number {
    return this.#attempts;
  }

  /** The delay before the next attempt; each call counts one more attempt. */
  next(): number {
    const { initialDelayMs, maxDelayMs, jitter } = this.policy;
    // Past 2^30 the base is far above any sane maximum; stop doubling before numbers overflow.
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(this.#attempts, 30));
    this.#attempts++;
    const spread = base * jitter * (2 * this.random() - 1);
    return Math.round(Math.min(maxDelayMs, Math.max(initialDelayMs, base + spread)));
  }

  /** A healthy session: the next failure starts again from the initial delay. */
  reset(): void {
    this.#attempts = 0;
  }
}
