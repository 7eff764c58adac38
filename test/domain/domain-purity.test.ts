import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every import of a domain file, with the reason it is not allowed (or nothing). */
function forbiddenImports(file: string, text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (relative(DOMAIN, target).startsWith('..')) problems.push(`${spec} leaves src/domain`);
      continue;
    }
    problems.push(`${spec} is a package`);
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
