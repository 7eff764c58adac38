/**
 * A failed write as people may read it (status, runs, API): what kind of trouble, never the
 * database's own message, which names files and internals. The full error stays in the log.
 */
export function describeWriteFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/no space left on device|disk is full|ENOSPC/i.test(text))
    return 'no space left on the disk that holds the store';
  if (/file too large|EFBIG/i.test(text))
    return "the store's file cannot grow: it reached the file size limit set for this process";
  if (/permission denied|read-only file system|EACCES|EROFS/i.test(text)) {
    return "the store's file or folder cannot be written (permissions, or a read-only disk)";
  }
  return 'the store could not write (details in the service log)';
}
