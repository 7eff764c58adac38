import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; CI installs it (`apt-get install -y chromium`) when it is missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags that keep Chromium headless and off the network: without the background-networking ones
 * it keeps calling home (updates, sync, field trials), which on a closed network floods the logs.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Launches the system Chromium with a fresh profile; close it in an afterAll. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}; the dashboard's browser tests need it: ` +
        'run `apt-get install -y chromium` as root (.ci/run does this on a fresh machine)',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
