import type { PositionEvent } from '../domain/position-update.js';
import { builder } from './builder.js';
import { connectionType } from './connection.js';
import { decodeSequenceCursor, encodeCursor } from './cursor.js';
import { DateTimeScalar } from './date-time.js';
import { PositionFilterInput, PositionRef, positionFilterOf } from './position.js';

const CURSOR_KIND = 'position-update';
const cursorOf = (e: PositionEvent) => encodeCursor(CURSOR_KIND, e.sequence);

export const PositionChangeEnum = builder.enumType('PositionChange', {
  values: ['OPENED', 'CHANGED', 'CLOSED', 'REFRESHED'] as const,
});

export const PositionUpdateRef = builder.objectRef<PositionEvent>('PositionUpdate').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: cursorOf, description: 'Pass as `after` to resume from here' }),
    change: t.expose('change', { type: PositionChangeEnum }),
    position: t.expose('position', { type: PositionRef }),
    at: t.expose('at', { type: DateTimeScalar }),
  }),
});

const PositionUpdateConnectionRef = connectionType('PositionUpdate', {
  cursorKind: CURSOR_KIND,
  node: PositionUpdateRef,
  nodeOf: (event: PositionEvent) => event,
});

builder.queryFields((t) => ({
  positionHistory: t.field({
    type: PositionUpdateConnectionRef,
    description: 'Every applied update of one key, newest first',
    args: {
      account: t.arg.string({ required: true }),
      conId: t.arg.int({ required: true }),
      first: t.arg.int({ defaultValue: 50 }),
      after: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      ctx.api.positions.history(
        { account: args.account, conId: args.conId },
        { first: args.first ?? 50, after: decodeSequenceCursor(CURSOR_KIND, args.after) },
      ),
  }),
}));

builder.subscriptionFields((t) => ({
  positionUpdated: t.field({
    type: PositionUpdateRef,
    description: "Every change to the store's book; `after` replays what was missed, then goes live",
    args: { filter: t.arg({ type: PositionFilterInput }), after: t.arg.string() },
    subscribe: (_root, args, ctx) =>
      ctx.api.positions.follow(
        decodeSequenceCursor(CURSOR_KIND, args.after),
        positionFilterOf(args.filter),
        ctx.cursor,
      ),
    resolve: (event) => event,
  }),
}));
