import { existsSync, readFileSync } from 'node:fs';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONFIG_OPTIONS, type ConfigOption } from '../src/app/config-options.js';
import { commands } from '../src/cli/commands.js';
import { schema } from '../src/schema/index.js';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  scripts: Record<string, string>;
};

function codeBlocks(language: string): string[] {
  return [...readme.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

/** Everything written as code: fenced blocks and inline spans. */
function codeText(): string {
  const fenced = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const withoutFenced = readme.replace(/```[\s\S]*?```/g, '');
  const inline = [...withoutFenced.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
  return [...fenced, ...inline].join('\n');
}

function validationErrors(query: string): string[] {
  return validate(schema, parse(query)).map((e) => e.message);
}

describe('the README stays true', () => {
  it('every GraphQL example is valid against the schema', () => {
    const blocks = codeBlocks('graphql');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) expect(validationErrors(block), block).toEqual([]);
  });

  it('every curl example sends a valid operation', () => {
    const shell = codeBlocks('sh').join('\n');
    const bodies = [...shell.matchAll(/-d '(\{.*?\})'/g)].map(
      (m) => JSON.parse(m[1] ?? '{}') as { query: string },
    );
    const urls = [...shell.matchAll(/'(http:\/\/[^']*\?query=[^']*)'/g)].map(
      (m) => new URL(m[1] ?? '').searchParams.get('query') ?? '',
    );
    const encoded = [...shell.matchAll(/--data-urlencode 'query=([^']*)'/g)].map((m) => m[1] ?? '');
    expect(bodies.length + urls.length).toBeGreaterThanOrEqual(2);
    expect(encoded.length).toBeGreaterThanOrEqual(1);
    for (const query of [...bodies.map((b) => b.query), ...urls, ...encoded])
      expect(validationErrors(query), query).toEqual([]);
  });

  it('the configuration table lists every option with its variable and default', () => {
    for (const option of CONFIG_OPTIONS as readonly ConfigOption[]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`--${option.flag}`));
      expect(row, `--${option.flag}`).toBeDefined();
      expect(row).toContain(`\`${option.env}\``);
      if (option.secretEnv) expect(row).toContain(`\`${option.secretEnv}\``);
      expect(row).toContain(option.default === undefined ? 'none' : `\`${option.default}\``);
    }
  });

  it('names only commands, scripts and files that exist', () => {
    const names = new Set(['help', ...commands.map((c) => c.name)]);
    const code = codeText();
    for (const m of code.matchAll(/(?:npm run cli -- |position-sentinel )([a-z][a-z-]*)/g)) {
      expect(names, m[0]).toContain(m[1]);
    }
    for (const m of code.matchAll(/npm run ([a-z][a-z:-]*)/g)) {
      expect(Object.keys(packageJson.scripts), m[0]).toContain(m[1]);
    }
    for (const m of readme.matchAll(/\b((?:examples|src|bench|docs)\/[\w./-]+\.(?:ts|png|md))/g)) {
      expect(existsSync(new URL(m[1] ?? '', root)), m[1]).toBe(true);
    }
  });
});
