import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readJson = (file: string) => JSON.parse(readFileSync(new URL(file, root), 'utf8'));
const project = readJson('package.json') as { engines: { node: string } };
const lock = readJson('package-lock.json') as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

/** Every Node range an installed package declares, with the packages that declare it. */
function declaredRanges(): Map<string, string[]> {
  const ranges = new Map<string, string[]>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (path === '' || range === undefined || entry.optional) continue;
    ranges.set(range, [...(ranges.get(range) ?? []), path.replace(/^.*node_modules\//, '')]);
  }
  return ranges;
}

// Releases across every line a user may have: the first and last minors that matter on each.
const CANDIDATES = [
  '18.20.0',
  '20.0.0',
  '20.18.1',
  '20.19.0',
  '20.20.2',
  '21.7.3',
  '22.0.0',
  '22.11.0',
].concat(['22.12.0', '22.20.0', '23.11.0', '24.0.0', '25.2.0', '26.0.0']);

describe('the Node versions the project promises are exactly those npm installs without an engine warning', () => {
  it('package.json engines accepts a version if and only if every dependency does', () => {
    const ranges = declaredRanges();
    for (const version of CANDIDATES) {
      const refusing = [...ranges].filter(([range]) => !semver.satisfies(version, range));
      const why = refusing.map(([range, packages]) => `${packages.slice(0, 3).join(', ')} want ${range}`);
      expect(semver.satisfies(version, project.engines.node), `Node ${version}: ${why.join('; ')}`).toBe(
        refusing.length === 0,
      );
    }
  });

  it("the README's requirements line says the same range", () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const line = readme.split('\n').find((l) => l.startsWith('Requirements:')) ?? '';
    expect(line).toContain('Node.js 20.19 or newer on 20, 22.12 or newer on 22, or 24 and later');
    expect(project.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24');
  });
});
