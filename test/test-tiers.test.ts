import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testRoot = fileURLToPath(new URL('.', import.meta.url));

/** What only an integration test may use: servers, sockets, child processes, browsers. */
const INTEGRATION_ONLY: readonly [RegExp, string][] = [
  [/^import [^;]* from 'node:child_process';/m, 'starts a child process'],
  [/^import [^;]* from '(node:net|node:http|ws)';/m, 'opens sockets or servers'],
  [/^import [^;]* from 'playwright-core';|launchChromium/m, 'starts a browser'],
  [
    /startSimulator|startSentinel|startDemo|startApiServer|startService|useService|Harness\.start|use\w*Harness\(|CliProcess/,
    'starts a server',
  ],
];

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('test tiers', () => {
  it('a test that starts a server, socket, child process or browser is named *.integration.test.ts', () => {
    const misplaced = testFiles(testRoot)
      .filter((file) => !file.endsWith('.integration.test.ts') && file !== fileURLToPath(import.meta.url))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return INTEGRATION_ONLY.filter(([pattern]) => pattern.test(text)).map(
          ([, what]) => `${relative(testRoot, file)} ${what}: rename it to *.integration.test.ts`,
        );
      });
    expect(misplaced).toEqual([]);
  });
});
