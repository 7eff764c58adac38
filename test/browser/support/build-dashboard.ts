import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { makeTempDir } from '../../support/temp-dir.js';

const CONFIG = fileURLToPath(new URL('../../../src/web/vite.config.ts', import.meta.url));

export interface BuiltDashboard {
  /** The folder to serve as the service's web root. */
  readonly root: string;
  remove(): void;
}

/**
 * Builds the dashboard from the current sources into a folder of its own. Never stale, and
 * parallel test runs do not overwrite each other's files (as they would in dist/web).
 */
export async function buildDashboard(): Promise<BuiltDashboard> {
  const dir = makeTempDir('sentinel-web-');
  try {
    await build({
      configFile: CONFIG,
      logLevel: 'error',
      build: { outDir: dir.path, emptyOutDir: true, sourcemap: false },
    });
  } catch (error) {
    dir.remove();
    throw error;
  }
  return { root: dir.path, remove: dir.remove };
}
