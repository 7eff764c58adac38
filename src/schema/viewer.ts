import { builder } from './builder.js';
import type { Role } from './context.js';

export const ViewerRoleEnum = builder.enumType('ViewerRole', {
  values: { READ: { value: 'read' }, ADMIN: { value: 'admin' } } as const,
  description: 'ADMIN may run mutations; READ may only read and subscribe',
});

interface Viewer {
  readonly role: Role;
}

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who is asking, so a client can show what the key allows',
  fields: (t) => ({
    role: t.expose('role', { type: ViewerRoleEnum }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    // Requests without a valid key never get this far when keys are configured; without keys,
    // everyone on the loopback interface is an admin.
    resolve: (_root, _args, ctx) => ({ role: ctx.role ?? 'read' }),
  }),
}));
