import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cohortOperation } from '../../src/infra/http/cohort-key.js';

const POSITIONS = `subscription Live($after: String, $account: String) {
  positionUpdated(after: $after, filter: { account: $account }) { cursor change position { id quantity } }
}`;

function key(query: string, variables?: Record<string, unknown>, scope = 'admin') {
  return cohortOperation(parse(query), undefined, variables, scope);
}

describe('cohort keys', () => {
  it('members asking the same thing share a key, whatever cursor they resume from', () => {
    const fresh = key(POSITIONS, { account: 'DU111111' });
    const resuming = key(POSITIONS, { account: 'DU111111', after: 'cG9zaXRpb24tdXBkYXRlOjQy' });
    expect(fresh?.key).toBe(resuming?.key);
    expect(fresh?.resumes).toBe(false);
    expect(resuming?.resumes).toBe(true);
    expect(resuming?.liveVariables).toEqual({ account: 'DU111111' });
    expect(print(resuming?.liveDocument ?? parse('{a}'))).toMatch(/positionUpdated\(filter:/);
  });

  it('different variables, a different filter or a different role are different cohorts', () => {
    const base = key(POSITIONS, { account: 'DU111111' })?.key;
    expect(key(POSITIONS, { account: 'DU222222' })?.key).not.toBe(base);
    expect(key(POSITIONS, { account: 'DU111111' }, 'read')?.key).not.toBe(base);
    const otherSelection = POSITIONS.replace('quantity', 'quantity source');
    expect(key(otherSelection, { account: 'DU111111' })?.key).not.toBe(base);
  });

  it('variable order does not matter; an inline cursor resumes too', () => {
    expect(key(POSITIONS, { account: 'A', after: null })?.key).toBe(
      key(POSITIONS, { after: null, account: 'A' })?.key,
    );
    const inline = key('subscription { discrepancyChanged(after: "ZGlzY3JlcGFuY3ktZXZlbnQ6Nw") { kind } }');
    expect(inline?.resumes).toBe(true);
    expect(inline?.key).toBe(key('subscription { discrepancyChanged { kind } }')?.key);
    expect(key('subscription { discrepancyChanged(after: null) { kind } }')?.resumes).toBe(false);
  });

  it('queries and mutations are not cohorts; subscriptions without a cursor never resume', () => {
    expect(key('{ positions { id } }')).toBeUndefined();
    expect(key('mutation { reconcile { id } }')).toBeUndefined();
    expect(key('subscription { reconciliationCompleted { id } }')?.resumes).toBe(false);
  });
});
