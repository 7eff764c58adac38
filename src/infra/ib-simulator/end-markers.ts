import type { Cancel, Clock } from './clock.js';

/**
 * When the end marker of a positions list goes out (POSITION_END, POSITION_MULTI_END): at once,
 * after a delay on the simulator's clock, or never, as with a stuck TWS. One setting serves both
 * kinds of list, so a test holds a snapshot open whichever request the client used.
 */
export class EndMarkers {
  #withhold = false;
  #delayMs = 0;

  constructor(private readonly clock: Clock) {}

  /** While on, lists end without their marker; those markers are never sent. */
  withhold(on: boolean): void {
    this.#withhold = on;
  }

  delay(ms: number): void {
    this.#delayMs = ms;
  }

  /**
   * Sends one end marker as the settings say. Returns how to call off a marker that is still to
   * come (the request was cancelled or its socket closed), or undefined when nothing is pending.
   */
  schedule(send: () => void, withheld: () => void): Cancel | undefined {
    if (this.#withhold) {
      withheld();
      return undefined;
    }
    if (this.#delayMs <= 0) {
      send();
      return undefined;
    }
    return this.clock.schedule(this.#delayMs, send);
  }
}
