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

const SIMULATOR = join(REPO, 'src/infra/ib-simulator');
const INFRA = join(REPO, 'src/infra');
/** What sits above the adapters: the composition root and the command line. */
const ABOVE_INFRA = [join(REPO, 'src/app'), join(REPO, 'src/cli')];

type Rule = (file: string, specifier: string) => string | undefined;

/** The simulator stands alone, as TWS does (docs/architecture.md, Layers). */
const simulatorStandsAlone: Rule = (file, specifier) => {
  if (isNodeBuiltin(specifier)) return undefined;
  const target = importTarget(file, specifier);
  if (target === undefined)
    return `imports the package ${specifier}: the simulator stands alone, as TWS does`;
  if (isInside(SIMULATOR, target)) return undefined;
  return `imports ${specifier} (${relative(REPO, target)}), outside src/infra/ib-simulator: the simulator stands alone, as TWS does`;
};

/** Adapters depend on the domain's ports, never on what wires them. */
const infraStaysBelowTheRoot: Rule = (file, specifier) => {
  const target = importTarget(file, specifier);
  const layer = target === undefined ? undefined : ABOVE_INFRA.find((folder) => isInside(folder, target));
  if (target === undefined || layer === undefined) return undefined;
  return `imports ${specifier} (${relative(REPO, target)}): src/infra may not depend on ${relative(REPO, layer)}`;
};

/** `path/of/file.ts imports …` for every import of `text` (the file's source) that breaks `rule`. */
function violations(file: string, text: string, rule: Rule): string[] {
  return importSpecifiers(text).flatMap((specifier) => {
    const problem = rule(file, specifier);
    return problem === undefined ? [] : [`${relative(REPO, file)} ${problem}`];
  });
}

function violationsBelow(folder: string, rule: Rule): string[] {
  const files = sourceFiles(folder);
  expect(files.length).toBeGreaterThan(10);
  return files.flatMap((file) => violations(file, readFileSync(file, 'utf8'), rule));
}

describe('import boundaries', () => {
  it('the simulator imports nothing outside its folder but Node built-ins', () => {
    expect(violationsBelow(SIMULATOR, simulatorStandsAlone)).toEqual([]);
  });

  it('nothing in src/infra imports the composition root (src/app) or the command line (src/cli)', () => {
    expect(violationsBelow(INFRA, infraStaysBelowTheRoot)).toEqual([]);
  });

  it('the checks name the file and the offending import', () => {
    const book = join(SIMULATOR, 'simulated-book.ts');
    expect(
      violations(book, "import { keyId } from '../../domain/position.js';", simulatorStandsAlone),
    ).toEqual([
      'src/infra/ib-simulator/simulated-book.ts imports ../../domain/position.js (src/domain/position.js), ' +
        'outside src/infra/ib-simulator: the simulator stands alone, as TWS does',
    ]);
    expect(
      violations(book, "import type { Clock } from '../system-clock.js';", simulatorStandsAlone),
    ).toEqual([
      'src/infra/ib-simulator/simulated-book.ts imports ../system-clock.js (src/infra/system-clock.js), ' +
        'outside src/infra/ib-simulator: the simulator stands alone, as TWS does',
    ]);
    expect(violations(book, "export { IBApi } from '@stoqey/ib';", simulatorStandsAlone)).toEqual([
      'src/infra/ib-simulator/simulated-book.ts imports the package @stoqey/ib: the simulator stands alone, as TWS does',
    ]);
    expect(
      violations(
        join(SIMULATOR, 'demo/demo-scenario.ts'),
        "import type { Socket } from 'node:net';\nimport { Clock } from '../clock.js';\nimport('../wire/frame-codec.js');",
        simulatorStandsAlone,
      ),
    ).toEqual([]);

    const auth = join(INFRA, 'http/api-key-auth.ts');
    expect(
      violations(auth, "import type { ApiKey } from '../../app/config.js';", infraStaysBelowTheRoot),
    ).toEqual([
      'src/infra/http/api-key-auth.ts imports ../../app/config.js (src/app/config.js): src/infra may not depend on src/app',
    ]);
    expect(
      violations(auth, "const cli = await import('../../cli/main.js');", infraStaysBelowTheRoot),
    ).toEqual([
      'src/infra/http/api-key-auth.ts imports ../../cli/main.js (src/cli/main.js): src/infra may not depend on src/cli',
    ]);
    expect(
      violations(
        auth,
        "import type { Role } from '../../schema/context.js';\nimport { x } from '../../domain/errors.js';",
        infraStaysBelowTheRoot,
      ),
    ).toEqual([]);
  });
});
