import type { Execution } from './execution.js';

/**
 * IB's corrections: "a correction is indicated by an ExecId which differs from a previous ExecId
 * in only the digits after the final period", `0000e0d5.6790a1b2.01.01` → `….01.02`. The product
 * reads a correction as replacing what it corrects (IB does not say; a correction that added to
 * what it corrects would make every corrected fill count twice): the highest version of an execId
 * is the one in force, the earlier ones are history.
 */
export interface ExecIdParts {
  /** Everything up to the last period: what all versions of one execution share. */
  readonly family: string;
  /** The hexadecimal number after the last period; 0 when there is none to read. */
  readonly version: number;
}

const VERSION = /^[0-9a-f]+$/i;

export function parseExecId(execId: string): ExecIdParts {
  const dot = execId.lastIndexOf('.');
  const suffix = dot === -1 ? '' : execId.slice(dot + 1);
  if (!VERSION.test(suffix)) return { family: execId, version: 0 };
  return { family: execId.slice(0, dot), version: Number.parseInt(suffix, 16) };
}

/** True when `later` is a correction of `earlier`: the same execution, a higher version. */
export function supersedes(later: string, earlier: string): boolean {
  const a = parseExecId(later);
  const b = parseExecId(earlier);
  return a.family === b.family && a.version > b.version;
}

/**
 * Every version of each execution, lowest version first, keyed by family; the same execId twice
 * (a pull and a push of one execution) is one version, the first seen.
 */
export function versionsByFamily<E extends Pick<Execution, 'execId'>>(
  executions: readonly E[],
): Map<string, E[]> {
  const families = new Map<string, E[]>();
  const seen = new Set<string>();
  for (const execution of executions) {
    if (seen.has(execution.execId)) continue;
    seen.add(execution.execId);
    const { family } = parseExecId(execution.execId);
    const versions = families.get(family);
    if (versions) versions.push(execution);
    else families.set(family, [execution]);
  }
  for (const versions of families.values()) {
    versions.sort((a, b) => parseExecId(a.execId).version - parseExecId(b.execId).version);
  }
  return families;
}

/** The version in force of every execution: what the broker's quantity is made of. */
export function currentVersions<E extends Pick<Execution, 'execId'>>(executions: readonly E[]): E[] {
  return [...versionsByFamily(executions).values()].map((versions) => versions.at(-1) as E);
}
