import { type Contract, isOption } from './contract.js';
import { explanationText } from './drift-explanation-text.js';
import { type Execution, signedShares } from './execution.js';
import { parseExecId, versionsByFamily } from './execution-correction.js';
import { exchangeLocalTime, hasExpired } from './option-expiry.js';
import { DEFAULT_TOLERANCE, type QuantityTolerance, quantitiesAgree } from './quantity-tolerance.js';
import { fromUnits, toUnits } from './quantity-units.js';

/**
 * What accounts for a difference between the store and the broker for one key
 * (docs/reconciliation-rules.md §14):
 * - MISSED_FILLS: executions after the store's last update account for the whole difference; the
 *   broker is right and the fix is mechanical;
 * - STORE_AHEAD: they account for it too, but among them is a correction or bust of an execution
 *   the store already counted: the store holds fills the broker no longer has;
 * - PARTLY_EXPLAINED: executions account for part of it; the rest is something else;
 * - NO_EXECUTION: no execution accounts for any of it: an exercise, assignment, expiry or transfer.
 */
export type DriftExplanationKind = 'MISSED_FILLS' | 'STORE_AHEAD' | 'PARTLY_EXPLAINED' | 'NO_EXECUTION';

/** An option that expired, or expires today, is likely to have been exercised or assigned. */
export type ExpiryHint = 'EXPIRED' | 'EXPIRES_TODAY';

/** One thing that moved the broker's quantity after the store's last update. */
export interface DriftStep {
  /** The version of the execution in force now. */
  readonly execution: Execution;
  /** The version the store counted, when this step is a correction of it; undefined for a new fill. */
  readonly replaces: Execution | undefined;
  /** What the step did to the quantity: the execution's signed shares, less what it replaces. */
  readonly quantity: number;
}

export interface DriftExplanation {
  readonly kind: DriftExplanationKind;
  /** The executions counted, oldest first: each in the version in force now. */
  readonly executions: readonly Execution[];
  readonly steps: readonly DriftStep[];
  /** What the executions moved; with `unexplainedQuantity` it makes the difference, exactly. */
  readonly explainedQuantity: number;
  readonly unexplainedQuantity: number;
  readonly expiry: ExpiryHint | undefined;
  readonly text: string;
}

export interface DriftInput {
  /**
   * The store's row for the key: its quantity and when that quantity was set (a refresh that left
   * the quantity alone does not count). Undefined when the store never held the key.
   */
  readonly store: { readonly quantity: number; readonly updatedAt: Date } | undefined;
  /** 0 when the broker does not hold the key. */
  readonly brokerQuantity: number;
  /** The key's executions as known (any order, every version, repeats allowed). */
  readonly executions: readonly Execution[];
  /** For the expiry hint. */
  readonly contract?: Contract | undefined;
  readonly now: Date;
  readonly tolerance?: QuantityTolerance;
}

/**
 * Explains the difference broker − store for one key by its executions; undefined when there is
 * no difference to explain. Pure.
 *
 * Which executions count: those after the store's update, by the version in force now. An
 * execution older than the update is in the store's quantity already: that quantity is the
 * broker's own number, sent after it (or a person's decision, made after it). Execution times are
 * to the second, so those in the very second of the update (up to the update itself) may or may
 * not be in it: they count only as far as they complete the explanation, latest first, since the
 * ones the store missed are the ones after its update.
 */
export function explainDrift(input: DriftInput): DriftExplanation | undefined {
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  const storeQuantity = input.store?.quantity ?? 0;
  const difference = toUnits(input.brokerQuantity) - toUnits(storeQuantity);
  if (quantitiesAgree(input.brokerQuantity, storeQuantity, tolerance)) return undefined;

  const families = [...versionsByFamily(input.executions).values()];
  const updatedAt = input.store?.updatedAt.getTime();
  const after = (e: Execution) => updatedAt === undefined || e.time.getTime() > updatedAt;
  const boundary =
    updatedAt === undefined
      ? []
      : input.executions
          .filter(
            (e) => e.time.getTime() <= updatedAt && e.time.getTime() >= Math.floor(updatedAt / 1000) * 1000,
          )
          .sort(chronologically);
  const complete = (steps: readonly DriftStep[]) =>
    agreesWithin(sumUnits(steps), difference, input.brokerQuantity, storeQuantity, tolerance);

  let steps = stepsSince(families, after);
  for (let from = boundary.length - 1; !complete(steps) && from >= 0; from--) {
    const late = new Set(boundary.slice(from).map((e) => e.execId));
    const tried = stepsSince(families, (e) => after(e) || late.has(e.execId));
    if (complete(tried)) steps = tried;
  }

  const explained = sumUnits(steps);
  const unexplained = difference - explained;
  const whole = complete(steps);
  const kind: DriftExplanationKind = whole
    ? steps.some(reducesCountedFill)
      ? 'STORE_AHEAD'
      : 'MISSED_FILLS'
    : explained === 0n
      ? 'NO_EXECUTION'
      : 'PARTLY_EXPLAINED';
  const held = storeQuantity !== 0 ? storeQuantity : input.brokerQuantity;
  const expiry = input.contract ? expiryHint(input.contract, input.now) : undefined;
  const explanation = {
    kind,
    executions: steps.map((s) => s.execution),
    steps,
    explainedQuantity: fromUnits(explained),
    unexplainedQuantity: fromUnits(unexplained),
    expiry,
  };
  return {
    ...explanation,
    text: explanationText(explanation, {
      difference: fromUnits(difference),
      since: input.store?.updatedAt,
      now: input.now,
      short: held < 0,
      expiry: input.contract?.expiry,
    }),
  };
}

/**
 * For each execution, what moved after the store's update: nothing when the version in force was
 * already in force then; otherwise the version in force, less the version the store counted (the
 * latest one before the update), if any.
 */
function stepsSince(families: readonly Execution[][], counts: (e: Execution) => boolean): DriftStep[] {
  const steps: DriftStep[] = [];
  for (const versions of families) {
    const current = versions.at(-1);
    if (!current || !counts(current)) continue;
    const replaces = versions.filter((v) => v !== current && !counts(v)).at(-1);
    const quantity = toUnits(signedShares(current)) - (replaces ? toUnits(signedShares(replaces)) : 0n);
    steps.push({ execution: current, replaces, quantity: fromUnits(quantity) });
  }
  return steps.sort((a, b) => chronologically(a.execution, b.execution));
}

function sumUnits(steps: readonly DriftStep[]): bigint {
  return steps.reduce((sum, s) => sum + toUnits(s.quantity), 0n);
}

/** The explained units match the difference as quantities agree (exactly, unless a tolerance says). */
function agreesWithin(
  explained: bigint,
  difference: bigint,
  broker: number,
  store: number,
  tolerance: QuantityTolerance,
): boolean {
  if (explained === difference) return true;
  // The same tolerance as reconciliation: broker against the store plus what the executions moved.
  return quantitiesAgree(broker, fromUnits(toUnits(store) + explained), tolerance);
}

/** A correction that leaves fewer shares than the store counted, or busts the fill. */
function reducesCountedFill(step: DriftStep): boolean {
  return step.replaces !== undefined && step.execution.shares < step.replaces.shares;
}

/** Time, then execId: IB numbers executions in the order they happen. */
function chronologically(a: Execution, b: Execution): number {
  const byTime = a.time.getTime() - b.time.getTime();
  if (byTime !== 0) return byTime;
  const x = parseExecId(a.execId);
  const y = parseExecId(b.execId);
  if (x.family !== y.family) return x.family < y.family ? -1 : 1;
  return x.version - y.version;
}

function expiryHint(contract: Contract, now: Date): ExpiryHint | undefined {
  if (!isOption(contract) || !contract.expiry) return undefined;
  if (hasExpired(contract, now)) return 'EXPIRED';
  return exchangeLocalTime(now).date === contract.expiry ? 'EXPIRES_TODAY' : undefined;
}
