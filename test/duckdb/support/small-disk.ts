import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A tmpfs of a few megabytes that a test can fill up for real, so that DuckDB's writes fail the
 * way they do on a full disk (root ignores file permissions, so nothing else makes them fail).
 * Mounting needs root; without it this throws, and the test fails rather than pass untested.
 */
export function mountSmallDisk(sizeMb = 3) {
  const path = mkdtempSync(join(tmpdir(), 'sentinel-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path], { stdio: 'pipe' });
  } catch (error) {
    rmSync(path, { recursive: true, force: true });
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    throw new Error(
      `this test needs a disk it can fill up: it mounts a ${sizeMb} MB tmpfs, which requires root ` +
        `(mount -t tmpfs -o size=${sizeMb}m tmpfs DIR). Mounting failed: ${detail}`,
    );
  }
  const filler = join(path, 'filler');
  return {
    path,
    /** Takes every free byte. */
    fill(): void {
      const stats = statfsSync(path);
      writeFileSync(filler, Buffer.alloc(Number(stats.bavail) * Number(stats.bsize)));
    },
    release(): void {
      rmSync(filler, { force: true });
    },
    unmount(): void {
      execFileSync('umount', [path], { stdio: 'pipe' });
      rmSync(path, { recursive: true, force: true });
    },
  };
}
