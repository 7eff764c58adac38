import type { Verification } from '../domain/verification.js';
import { builder } from './builder.js';
import { DateTimeScalar } from './date-time.js';
import { ReconciliationRunRef } from './reconciliation-run.js';

export const VerificationStateEnum = builder.enumType('VerificationState', {
  values: ['VERIFIED', 'UNVERIFIED', 'STALE'] as const,
  description:
    'VERIFIED: the latest run with a complete snapshot is younger than two reconciliation intervals and the broker is READY. UNVERIFIED: no such run yet, or the broker is not READY. STALE: that run is older.',
});

export const VerificationRef = builder.objectRef<Verification>('Verification').implement({
  description: 'Whether the store has recently been proven equal to the broker; nothing else means "agrees"',
  fields: (t) => ({
    state: t.expose('state', { type: VerificationStateEnum }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why the state is not VERIFIED, in plain words ("broker DISCONNECTED"); null when it is',
    }),
    verifiedAt: t.expose('verifiedAt', {
      type: DateTimeScalar,
      nullable: true,
      description: 'When the latest run with a complete snapshot finished',
    }),
    run: t.expose('run', { type: ReconciliationRunRef, nullable: true, description: 'That run' }),
  }),
});
