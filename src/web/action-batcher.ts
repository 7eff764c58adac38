import type { DashboardAction } from './dashboard-state.js';

/** How long actions may wait when no frame comes (a hidden tab gets none). */
const LATEST_FLUSH_MS = 250;

/**
 * Collects the actions that arrive between two frames and hands them over as one batch, so a
 * burst of updates (a price refresh of a 500-row book, a replay after a reconnect) costs one
 * render instead of hundreds.
 */
export class ActionBatcher {
  #pending: DashboardAction[] = [];
  #frame: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly apply: (action: DashboardAction) => void) {}

  push(actions: readonly DashboardAction[]): void {
    if (actions.length === 0) return;
    this.#pending.push(...actions);
    if (this.#timer !== undefined) return;
    this.#frame = requestAnimationFrame(() => this.flush());
    this.#timer = setTimeout(() => this.flush(), LATEST_FLUSH_MS);
  }

  flush(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#frame = undefined;
    this.#timer = undefined;
    const actions = this.#pending;
    this.#pending = [];
    if (actions.length === 1) this.apply(actions[0]!);
    else if (actions.length > 1) this.apply({ type: 'batch', actions });
  }

  dispose(): void {
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#pending = [];
  }
}
