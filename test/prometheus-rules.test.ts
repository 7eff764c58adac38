import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The trust feature's gauge, which the rules use before the metrics export it (see alerts.yml). */
const AWAITED = new Set(['sentinel_verification_state']);

describe('the Prometheus rules', () => {
  it('use only series the product exports', () => {
    const rules = read('deploy/prometheus/alerts.yml');
    const exported = read('src/app/sentinel-metrics.ts');
    const used = new Set([...rules.matchAll(/\b(sentinel_[a-z_]+)/g)].map((m) => m[1] ?? ''));
    expect(used.size).toBeGreaterThan(4);
    const unknown = [...used].filter((name) => !exported.includes(`'${name}'`) && !AWAITED.has(name));
    expect(unknown).toEqual([]);
  });
});
