/** How long a test waits for something before it fails: generous, so that no verdict depends on the machine's speed. */
export const WAIT_MS = 15_000;

/**
 * Waits (never sleeps a fixed time) until `condition` holds, checking every few milliseconds; a
 * condition that throws counts as not yet. Fails with `timed out after N ms waiting for <what>`
 * (and the condition's last error, if any). Works anywhere, set-up hooks included.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last check failed: ${String(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
