import SchemaBuilder from '@pothos/core';
import type { SchemaContext } from './context.js';

/** The schema builder: plugins and scalar typing only. Each type lives in its own file. */
export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
}>({ defaultFieldNullability: false });

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
