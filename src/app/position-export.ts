import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError } from '../domain/errors.js';
import type { DuckDbStore } from '../infra/duckdb/open-store.js';
import { type ExportContent, exportParquet } from '../infra/duckdb/parquet-export.js';

export interface PositionExport {
  /** The folder written, as an absolute path on the machine that wrote it. */
  readonly folder: string;
  readonly what: ExportContent;
  readonly rows: number;
  readonly symbols: number;
}

/**
 * Writes the history or the book of `store` to Parquet in `out` (a new or empty folder, relative
 * to the working directory), for the `export` command and for a running service alike: the
 * service holds its file, so only it can export what it stores. Updates still buffered are
 * written first. A folder that cannot be made is said plainly; one this call made is removed
 * again when the export fails, so a retry finds it new.
 */
export async function exportPositions(
  store: DuckDbStore,
  request: { readonly out: string; readonly what: ExportContent },
): Promise<PositionExport> {
  const folder = resolve(request.out);
  const created = !existsSync(folder) && makeFolder(folder);
  try {
    const outcome = await exportParquet(store, { out: folder, what: request.what });
    return { folder, what: request.what, ...outcome };
  } catch (error) {
    if (created) rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

const FOLDER_FAILURES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file',
  ENOSPC: 'no space left on the device',
};

function makeFolder(folder: string): true {
  try {
    mkdirSync(folder, { recursive: true });
    return true;
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code);
    throw new DomainError(
      'BAD_USER_INPUT',
      `cannot create the folder ${folder} for the export: ${FOLDER_FAILURES[code] ?? code}`,
      { cause: error },
    );
  }
}
