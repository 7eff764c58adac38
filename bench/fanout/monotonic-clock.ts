/**
 * Milliseconds on the machine's monotonic clock. process.hrtime reads CLOCK_MONOTONIC on Linux
 * (and the system-wide counters on macOS and Windows), so readings taken in different processes
 * on the same machine can be subtracted: a broker push in one process and its arrival at a
 * subscriber in another.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
