import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema/index.js';

// `npm run codegen` writes the committed contract; `npm run codegen -- --check` fails when it is
// stale (CI runs it).
const config: CodegenConfig = {
  schema: printSchema(schema),
  ignoreNoDocuments: true,
  generates: {
    './schema.graphql': { plugins: ['schema-ast'], config: { sort: true } },
  },
};

export default config;
