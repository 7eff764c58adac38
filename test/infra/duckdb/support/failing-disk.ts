import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the disk's writes fail: the product's plain words, and the system's own (for the log). */
export interface DiskFailure {
  readonly plain: string;
  readonly system: RegExp;
}

/**
 * A folder whose writes a test can make fail for real, at the operating system, so that DuckDB's
 * writes fail the way they do in production (no mock of the database). As root, a tmpfs of a few
 * megabytes is filled up (ENOSPC: a full disk); root ignores file permissions, so nothing simpler
 * would do. As an ordinary user, this process's file size limit (RLIMIT_FSIZE) is lowered to one
 * byte, so every write that grows a file fails (EFBIG), and raised again on release.
 */
export interface FailingDisk {
  readonly path: string;
  readonly failure: DiskFailure;
  /** From now on, writes to the folder fail. */
  fill(): void;
  /** Writes succeed again. */
  release(): void;
  /** Releases, then removes the folder (and its mount). */
  dispose(): void;
}

const FULL: DiskFailure = {
  plain: 'no space left on the disk that holds the store',
  system: /No space left on device/,
};
const TOO_LARGE: DiskFailure = {
  plain: "the store's file cannot grow: it reached the file size limit set for this process",
  system: /File too large/,
};

export function failingDisk(sizeMb = 3): FailingDisk {
  const path = mkdtempSync(join(tmpdir(), 'sentinel-failing-disk-'));
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path], { stdio: 'pipe' });
      return fullTmpfs(path);
    } catch {
      // A root without the right to mount (a container): the file size limit works there too.
    }
  }
  return fileSizeLimit(path);
}

function fullTmpfs(path: string): FailingDisk {
  const filler = join(path, 'filler');
  const release = () => rmSync(filler, { force: true });
  return {
    path,
    failure: FULL,
    fill() {
      const stats = statfsSync(path);
      writeFileSync(filler, Buffer.alloc(Number(stats.bavail) * Number(stats.bsize)));
    },
    release,
    dispose() {
      release();
      execFileSync('umount', [path], { stdio: 'pipe' });
      rmSync(path, { recursive: true, force: true });
    },
  };
}

function fileSizeLimit(path: string): FailingDisk {
  const pid = String(process.pid);
  const prlimit = (...args: string[]) => {
    try {
      return execFileSync('prlimit', ['--pid', pid, ...args], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      throw new Error(
        'this test makes disk writes fail with a file size limit, set with `prlimit` (util-linux; ' +
          `on Debian or Ubuntu: apt-get install util-linux): ${(error as Error).message}`,
      );
    }
  };
  // Over the limit the kernel also sends SIGXFSZ, which would end the process: with a listener,
  // the write returns EFBIG instead, as a full disk's returns ENOSPC.
  const ignore = () => undefined;
  let before: string | undefined;
  const release = () => {
    if (before === undefined) return;
    prlimit(`--fsize=${before}:`);
    before = undefined;
    process.off('SIGXFSZ', ignore);
  };
  return {
    path,
    failure: TOO_LARGE,
    fill() {
      if (before !== undefined) return;
      before = prlimit('--fsize', '--raw', '--noheadings', '--output=SOFT').trim();
      process.on('SIGXFSZ', ignore);
      prlimit('--fsize=1:');
    },
    release,
    dispose() {
      release();
      rmSync(path, { recursive: true, force: true });
    },
  };
}
