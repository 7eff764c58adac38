import type { Discrepancy } from '../domain/discrepancy.js';
import type { RecordedDiscrepancyEvent } from '../domain/discrepancy-event.js';
import { builder } from './builder.js';
import { decodeSequenceCursor, encodeCursor } from './cursor.js';
import { DateTimeScalar } from './date-time.js';
import { DiscrepancyFilterInput, DiscrepancyRef, discrepancyFilterOf } from './discrepancy.js';

const CURSOR_KIND = 'discrepancy-event';

export const DiscrepancyEventKindEnum = builder.enumType('DiscrepancyEventKind', {
  values: ['OPENED', 'UPDATED', 'ACKNOWLEDGED', 'RESOLVED'] as const,
});

export const DiscrepancyEventRef = builder.objectRef<RecordedDiscrepancyEvent>('DiscrepancyEvent').implement({
  fields: (t) => ({
    cursor: t.string({
      resolve: (e) => encodeCursor(CURSOR_KIND, e.sequence),
      description: 'Pass as `after` to resume from here',
    }),
    kind: t.expose('kind', { type: DiscrepancyEventKindEnum }),
    discrepancy: t.expose('discrepancy', { type: DiscrepancyRef }),
    at: t.expose('at', { type: DateTimeScalar }),
  }),
});

interface DiscrepanciesWithCursor {
  readonly discrepancies: readonly Discrepancy[];
  readonly cursor: number;
}

const DiscrepanciesWithCursorRef = builder
  .objectRef<DiscrepanciesWithCursor>('DiscrepanciesWithCursor')
  .implement({
    description: 'The discrepancies as they are now, and where their changes continue from',
    fields: (t) => ({
      discrepancies: t.field({ type: [DiscrepancyRef], resolve: (list) => list.discrepancies }),
      cursor: t.string({
        resolve: (list) => encodeCursor(CURSOR_KIND, list.cursor),
        description:
          'Pass as `after` to discrepancyChanged: every change after this list arrives, none is missed (one already shown may arrive again)',
      }),
    }),
  });

builder.queryFields((t) => ({
  discrepanciesWithCursor: t.field({
    type: DiscrepanciesWithCursorRef,
    description:
      'The discrepancies (as `discrepancies`, the active ones without a status filter) and the cursor to subscribe from: show them, then follow discrepancyChanged(after: cursor) without a gap',
    args: { filter: t.arg({ type: DiscrepancyFilterInput }) },
    resolve: (_root, args, ctx) => ctx.api.discrepancies.listWithCursor(discrepancyFilterOf(args.filter)),
  }),
}));

builder.subscriptionFields((t) => ({
  discrepancyChanged: t.field({
    type: DiscrepancyEventRef,
    description:
      'Every change of every discrepancy (without a status filter, resolutions included); `after` replays what was missed, then goes live',
    args: { filter: t.arg({ type: DiscrepancyFilterInput }), after: t.arg.string() },
    subscribe: (_root, args, ctx) =>
      ctx.api.discrepancies.follow(
        decodeSequenceCursor(CURSOR_KIND, args.after),
        discrepancyFilterOf(args.filter),
        ctx.cursor,
      ),
    resolve: (event) => event,
  }),
}));
