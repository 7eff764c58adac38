import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Two tiers. `unit`: everything in-process (pure rules, DuckDB files, the schema), for the
 * edit-run loop (`npm run test:unit`). `integration`: files named `*.integration.test.ts`, the
 * tests that start a server, a socket, a child process or a browser. `npm test` runs both.
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships both CJS and ESM entry points; without pinning one, our sources and the
    // CJS libraries (Pothos, yoga) load two copies and the schema fails with "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // In-process tests share no module state (the product has no singletons): one module
          // graph for the whole tier instead of one per file.
          isolate: false,
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.integration.test.ts'],
        },
      },
      { extends: true, test: { name: 'integration', include: ['test/**/*.integration.test.ts'] } },
    ],
  },
});
