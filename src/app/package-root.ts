import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  readonly root: string;
  readonly version: string;
}

/** The product's folder and version, found from here upwards (in the sources or compiled). */
function packageInfo(): PackageInfo {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'position-sentinel') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // not here: look one folder up
    }
    const parent = dirname(dir);
    if (parent === dir) return { root: process.cwd(), version: '0.0.0' };
    dir = parent;
  }
}

export function packageVersion(): string {
  return packageInfo().version;
}

/** Where `npm run build` puts the dashboard. */
export function dashboardBuildFolder(): string {
  return join(packageInfo().root, 'dist', 'web');
}
