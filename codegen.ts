import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.js';

/** Typed documents for a folder of clients: every `graphql(...)` call there is checked against the schema. */
function clientDocuments(folder: string) {
  return {
    documents: [`${folder}/**/*.ts`, `!${folder}/gql/**`],
    preset: 'client' as const,
    presetConfig: { fragmentMasking: false },
    config: {
      documentMode: 'string',
      useTypeImports: true,
      enumsAsTypes: true,
      scalars: { DateTime: 'string' },
    },
  };
}

// `npm run codegen` writes the committed contract and the typed client documents;
// `npm run codegen -- --check` fails when any of them is stale (CI runs it).
const config: CodegenConfig = {
  schema: printSchema(schema),
  ignoreNoDocuments: true,
  importExtension: '.js',
  generates: {
    './schema.graphql': { plugins: ['schema-ast'], config: { sort: true } },
    './examples/gql/': clientDocuments('examples'),
    './src/web/gql/': clientDocuments('src/web'),
    './test/gql/': clientDocuments('test'),
  },
};

export default config;
