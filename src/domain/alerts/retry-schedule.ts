/** How a failing delivery is retried, and when it is given up. */
export interface RetryPolicy {
  /** The first retry waits about this long; each further one twice as long. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** A delivery still failing this long after it was created is given up (DEAD). */
  readonly maxAgeMs: number;
  /** Each delay is spread by up to this fraction either way, so retries of many senders do not align. */
  readonly jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  maxAgeMs: 24 * 3_600_000,
  jitter: 0.2,
};

/** The wait after the `failures`-th failure in a row (1 for the first): exponential, capped, jittered. */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures, 40) - 1);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))));
}

export type RetryDecision =
  | { readonly retry: true; readonly at: Date }
  | { readonly retry: false; readonly reason: string };

/**
 * What follows a failed attempt at `now`: a retry after `delayMs` (the backoff, or what the receiver
 * asked for with Retry-After), never later than the delivery's deadline, so the last attempt is made
 * at the deadline itself; a failure at or past the deadline gives the delivery up.
 */
export function afterFailure(
  createdAt: Date,
  now: Date,
  delayMs: number,
  policy: RetryPolicy,
): RetryDecision {
  const deadline = createdAt.getTime() + policy.maxAgeMs;
  if (now.getTime() >= deadline) {
    return {
      retry: false,
      reason: `still failing ${Math.round(policy.maxAgeMs / 1000)} s after it was created`,
    };
  }
  return { retry: true, at: new Date(Math.min(now.getTime() + Math.max(0, delayMs), deadline)) };
}
