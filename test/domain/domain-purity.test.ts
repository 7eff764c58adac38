import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  importSpecifiers,
  importTarget,
  isInside,
  isNodeBuiltin,
  REPO,
  sourceFiles,
} from '../support/source-imports.js';

const DOMAIN = join(REPO, 'src/domain');

/** Every import of a domain file, with the reason it is not allowed (or nothing). */
function forbiddenImports(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const spec of importSpecifiers(text)) {
    if (isNodeBuiltin(spec)) continue;
    const target = importTarget(file, spec);
    if (target === undefined) problems.push(`${spec} is a package`);
    else if (!isInside(DOMAIN, target)) problems.push(`${spec} leaves src/domain`);
  }
  return problems;
}

describe('src/domain is pure TypeScript', () => {
  it('imports nothing but itself and Node built-ins', () => {
    const files = sourceFiles(DOMAIN);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((f) =>
      forbiddenImports(f, readFileSync(f, 'utf8')).map((p) => `${relative(DOMAIN, f)}: ${p}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the check catches packages and escapes from the folder', () => {
    const file = join(DOMAIN, 'reconcile.ts');
    expect(forbiddenImports(file, "import { GraphQLError } from 'graphql';")).toEqual([
      'graphql is a package',
    ]);
    expect(forbiddenImports(file, "import type { X } from '../infra/duckdb/store.js';")).toEqual([
      '../infra/duckdb/store.js leaves src/domain',
    ]);
    expect(forbiddenImports(file, "export { y } from '@stoqey/ib';")).toEqual(['@stoqey/ib is a package']);
    expect(
      forbiddenImports(file, "import { x } from './contract.js';\nimport { y } from 'node:crypto';"),
    ).toEqual([]);
  });
});
