import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';

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

const PACKAGE = '@sparticuz/chromium';

interface Executable {
  readonly path: string;
  readonly env?: Record<string, string>;
}

/**
 * Launches Chromium with a fresh profile; close it in an afterAll. By default the one that comes
 * with `npm install` (the `@sparticuz/chromium` package carries its binary), so the browser tests
 * need no system browser, no root and no download; `CHROMIUM_PATH` may point at another one.
 */
export async function launchChromium(): Promise<Browser> {
  const executable = await chromiumExecutable();
  return chromium.launch({
    executablePath: executable.path,
    args: [...CHROMIUM_ARGS],
    ...(executable.env ? { env: { ...process.env, ...executable.env } } : {}),
  });
}

async function chromiumExecutable(): Promise<Executable> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured !== undefined && configured !== '') {
    if (!existsSync(configured)) {
      throw new Error(
        `CHROMIUM_PATH is ${configured}, but nothing is there: point it at a Chromium or unset it`,
      );
    }
    return { path: configured };
  }
  return unpackedChromium();
}

/**
 * The package's Chromium, unpacked once per checkout into node_modules/.cache (owned by whoever
 * ran `npm install`; the package's own default, a shared /tmp/chromium readable only by the user
 * who unpacked it first, breaks the next user). Unpacked in a child process with its own TMPDIR
 * (the package unpacks into the temporary folder) and moved into place in one rename, so that test
 * files starting at once never see half a binary.
 */
function unpackedChromium(): Executable {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    throw new Error(`the browser tests need the ${PACKAGE} package: run \`npm install\``);
  }
  const packageRoot = join(dirname(entry), '..', '..');
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const modules = join(packageRoot, '..', '..');
  const folder = join(modules, '.cache', 'position-sentinel', `chromium-${version}`);
  const binary = join(folder, 'chromium');
  if (!existsSync(binary)) unpackInto(folder, packageRoot);
  const libraries = join(folder, 'lib');
  return existsSync(libraries) ? { path: binary, env: { LD_LIBRARY_PATH: libraries } } : { path: binary };
}

function unpackInto(folder: string, packageRoot: string): void {
  mkdirSync(dirname(folder), { recursive: true });
  const staging = mkdtempSync(`${folder}.unpacking-`);
  try {
    const script = `import chromium from ${JSON.stringify(PACKAGE)}; process.stdout.write(await chromium.executablePath());`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      env: { ...process.env, TMPDIR: staging },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (missingLibraries(join(staging, 'chromium'))) unpackLibraries(staging, packageRoot);
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another test file unpacked it first: use theirs.
      if (!existsSync(join(folder, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** True when the binary needs shared libraries this machine lacks (NSS, on a minimal Linux). */
function missingLibraries(binary: string): boolean {
  try {
    return execFileSync('ldd', [binary], { encoding: 'utf8' }).includes('not found');
  } catch {
    return false;
  }
}

/** The package also carries the libraries its Chromium needs (built for Amazon Linux 2023). */
function unpackLibraries(into: string, packageRoot: string): void {
  const archive = readFileSync(join(packageRoot, 'bin', 'al2023.tar.br'));
  execFileSync('tar', ['-x', '-C', into], { input: brotliDecompressSync(archive) });
}
