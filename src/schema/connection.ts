import type { ObjectRef } from '@pothos/core';
import type { Page } from '../domain/page.js';
import { builder } from './builder.js';
import { encodeCursor } from './cursor.js';
import { PageInfoRef } from './page-info.js';

type Sequenced = { readonly sequence: number };
type Types = typeof builder.$inferSchemaTypes;

/**
 * A Relay connection (`<Name>Connection` with `edges { cursor node }` and `pageInfo`) over a page
 * of sequenced items. Cursors are the item's sequence, encoded with the list's kind so a cursor
 * of one list is refused by another.
 */
export function connectionType<Item extends Sequenced, Node>(
  name: string,
  options: {
    readonly cursorKind: string;
    readonly node: ObjectRef<Types, Node>;
    readonly nodeOf: (item: Item) => Node;
  },
): ObjectRef<Types, Page<Item>> {
  const cursorOf = (item: Item) => encodeCursor(options.cursorKind, item.sequence);
  const edge = builder.objectRef<Item>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.string({ resolve: cursorOf }),
      // Pothos cannot resolve its result type for a generic Node; the ref above fixes it per use.
      node: t.field({ type: options.node, resolve: (item) => options.nodeOf(item) as never }),
    }),
  });
  return builder.objectRef<Page<Item>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: (page) => page.items }),
      pageInfo: t.field({
        type: PageInfoRef,
        resolve: (page) => {
          const last = page.items.at(-1);
          return { hasNextPage: page.hasNextPage, endCursor: last ? cursorOf(last) : null };
        },
      }),
    }),
  });
}
