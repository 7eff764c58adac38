import { getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from '../../src/infra/http/graphiql-examples.js';
import { schema } from '../../src/schema/index.js';

describe("GraphiQL's example tabs", () => {
  it('each is one valid operation of the schema', () => {
    for (const tab of GRAPHIQL_TABS) {
      const document = parse(tab.query);
      expect(validate(schema, document), tab.query).toEqual([]);
      expect(getOperationAST(document)?.name?.value, tab.query).toBeDefined();
    }
  });

  it('each has a name of its own, since GraphiQL names a tab after its operation', () => {
    const names = GRAPHIQL_TABS.map((tab) => getOperationAST(parse(tab.query))?.name?.value);
    expect(new Set(names).size).toBe(names.length);
  });
});
