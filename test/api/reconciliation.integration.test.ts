import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { AAPL_PUT, MAIN, OTHER, QQQ_CALL, SPY_PUT } from '../support/standard-book.js';
import { post, query } from './support/graphql-http.js';

const Reconcile = graphql(`
  mutation ApiReconcile {
    reconcile {
      id trigger status startedAt finishedAt durationMs
      brokerPositionCount storePositionCount
      discrepancyCount criticalCount hasCriticalIssues summary error expiredCount deferredCount
      countsByType { type count }
      discrepancies { id type severity status account contract { conId } }
    }
  }
`);

const Discrepancies = graphql(`
  query ApiDiscrepancies($filter: DiscrepancyFilter) {
    discrepancies(filter: $filter) {
      id type severity status account message
      brokerQuantity storeQuantity difference storeUpdatedAt
      firstSeenAt lastSeenAt acknowledgedAt resolvedAt note
      contract { conId symbol }
    }
  }
`);

const OneDiscrepancy = graphql(`
  query ApiOneDiscrepancy($id: ID!) {
    discrepancy(id: $id) { id type status note }
  }
`);

const Acknowledge = graphql(`
  mutation ApiAcknowledge($id: ID!, $note: String) {
    acknowledgeDiscrepancy(id: $id, note: $note) { id status note acknowledgedAt resolvedAt }
  }
`);

const Resolve = graphql(`
  mutation ApiResolve($id: ID!, $note: String) {
    resolveDiscrepancy(id: $id, note: $note) { id status note resolvedAt }
  }
`);

const Runs = graphql(`
  query ApiRuns($first: Int, $after: String) {
    reconciliationRuns(first: $first, after: $after) {
      edges { cursor node { id trigger status } }
      pageInfo { hasNextPage endCursor }
    }
    latestReconciliation { id trigger }
  }
`);

const OneRun = graphql(`
  query ApiOneRun($id: ID!) {
    reconciliationRun(id: $id) { id trigger status summary discrepancies { id status } }
  }
`);

const StorePosition = graphql(`
  query ApiStorePosition($account: String!, $conId: Int!) {
    position(account: $account, conId: $conId) { quantity source }
  }
`);

const service = useService();

/** Three kinds of drift the broker never announces: the store cannot know until it reconciles. */
function driftSilently() {
  service.simulator.silently.close(MAIN, SPY_PUT.conId); // store still short 5: NAKED_POSITION
  service.simulator.silently.change(OTHER, QQQ_CALL.conId, 7); // store says 3: POSITION_MISMATCH
  service.simulator.silently.open(OTHER, AAPL_PUT, 2); // store has nothing: MISSING_FROM_STORE
}

describe('reconciliation through the API', () => {
  it('reconcile finds every silent drift, and the run is there to read back', async () => {
    driftSilently();
    const { reconcile: run } = await query(service.graphqlUrl, Reconcile);
    expect(run).toMatchObject({
      trigger: 'MANUAL',
      status: 'DISCREPANCIES',
      brokerPositionCount: 3,
      storePositionCount: 3,
      discrepancyCount: 3,
      criticalCount: 1,
      hasCriticalIssues: true,
      summary: 'Broker: 3, Store: 3, Discrepancies: 3 (1 critical)',
      error: null,
      expiredCount: 0,
      deferredCount: 0,
    });
    expect(run.countsByType).toEqual([
      { type: 'MISSING_FROM_STORE', count: 1 },
      { type: 'NAKED_POSITION', count: 1 },
      { type: 'POSITION_MISMATCH', count: 1 },
      { type: 'STALE_DATA', count: 0 },
    ]);
    expect(run.discrepancies.map((d) => [d.type, d.severity, d.account, d.contract.conId]).sort()).toEqual([
      ['MISSING_FROM_STORE', 'WARNING', OTHER, AAPL_PUT.conId],
      ['NAKED_POSITION', 'CRITICAL', MAIN, SPY_PUT.conId],
      ['POSITION_MISMATCH', 'WARNING', OTHER, QQQ_CALL.conId],
    ]);

    const { reconciliationRun } = await query(service.graphqlUrl, OneRun, { id: run.id });
    expect(reconciliationRun).toMatchObject({ id: run.id, trigger: 'MANUAL', summary: run.summary });
    expect(reconciliationRun?.discrepancies).toHaveLength(3);
    expect((await query(service.graphqlUrl, OneRun, { id: 'no-such-run' })).reconciliationRun).toBeNull();

    const runs = await query(service.graphqlUrl, Runs, { first: 1 });
    expect(runs.latestReconciliation).toEqual({ id: run.id, trigger: 'MANUAL' });
    expect(runs.reconciliationRuns.edges.map((e) => e.node.id)).toEqual([run.id]);
    expect(runs.reconciliationRuns.pageInfo.hasNextPage).toBe(true);
    const older = await query(service.graphqlUrl, Runs, {
      after: runs.reconciliationRuns.pageInfo.endCursor,
    });
    expect(older.reconciliationRuns.edges.map((e) => e.node.trigger)).toEqual(['STARTUP']);
    expect(older.reconciliationRuns.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: older.reconciliationRuns.edges[0]?.cursor,
    });
  });

  it('discrepancies: the active ones by default, each with its quantities, filtered as asked', async () => {
    driftSilently();
    await query(service.graphqlUrl, Reconcile);
    const { discrepancies } = await query(service.graphqlUrl, Discrepancies);
    expect(discrepancies).toHaveLength(3);
    const naked = discrepancies.find((d) => d.type === 'NAKED_POSITION');
    expect(naked).toMatchObject({
      severity: 'CRITICAL',
      status: 'OPEN',
      account: MAIN,
      brokerQuantity: null,
      storeQuantity: -5,
      difference: 5,
      contract: { conId: SPY_PUT.conId, symbol: 'SPY' },
      acknowledgedAt: null,
      resolvedAt: null,
      note: null,
    });
    expect(naked?.message).toContain('the broker does not');
    expect(naked?.storeUpdatedAt).not.toBeNull();
    const mismatch = discrepancies.find((d) => d.type === 'POSITION_MISMATCH');
    expect(mismatch).toMatchObject({ brokerQuantity: 7, storeQuantity: 3, difference: 4 });

    const critical = await query(service.graphqlUrl, Discrepancies, { filter: { severity: ['CRITICAL'] } });
    expect(critical.discrepancies.map((d) => d.type)).toEqual(['NAKED_POSITION']);
    const inB = await query(service.graphqlUrl, Discrepancies, { filter: { account: OTHER } });
    expect(inB.discrepancies.map((d) => d.type).sort()).toEqual(['MISSING_FROM_STORE', 'POSITION_MISMATCH']);
    const aapl = await query(service.graphqlUrl, Discrepancies, {
      filter: { symbol: 'AAPL', type: ['MISSING_FROM_STORE'] },
    });
    expect(aapl.discrepancies).toHaveLength(1);
    const one = await query(service.graphqlUrl, OneDiscrepancy, { id: naked?.id ?? '' });
    expect(one.discrepancy).toEqual({ id: naked?.id, type: 'NAKED_POSITION', status: 'OPEN', note: null });
    expect((await query(service.graphqlUrl, OneDiscrepancy, { id: 'nope' })).discrepancy).toBeNull();
  });

  it("acknowledge keeps it active with a note; resolve accepts the broker's view into the store", async () => {
    driftSilently();
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const naked = reconcile.discrepancies.find((d) => d.type === 'NAKED_POSITION');
    const missing = reconcile.discrepancies.find((d) => d.type === 'MISSING_FROM_STORE');

    const { acknowledgeDiscrepancy: acked } = await query(service.graphqlUrl, Acknowledge, {
      id: naked?.id ?? '',
      note: 'closed by phone with the desk',
    });
    expect(acked).toMatchObject({
      status: 'ACKNOWLEDGED',
      note: 'closed by phone with the desk',
      resolvedAt: null,
    });
    expect(acked.acknowledgedAt).not.toBeNull();

    const { resolveDiscrepancy: resolved } = await query(service.graphqlUrl, Resolve, {
      id: missing?.id ?? '',
      note: 'broker is right',
    });
    expect(resolved).toMatchObject({ status: 'RESOLVED', note: 'broker is right' });
    expect(resolved.resolvedAt).not.toBeNull();
    // Accepting the broker's view wrote its quantity into the store, marked as a person's decision.
    const stored = await query(service.graphqlUrl, StorePosition, { account: OTHER, conId: AAPL_PUT.conId });
    expect(stored.position).toEqual({ quantity: 2, source: 'MANUAL' });

    const active = await query(service.graphqlUrl, Discrepancies);
    expect(active.discrepancies.map((d) => [d.type, d.status]).sort()).toEqual([
      ['NAKED_POSITION', 'ACKNOWLEDGED'],
      ['POSITION_MISMATCH', 'OPEN'],
    ]);
    const resolvedOnes = await query(service.graphqlUrl, Discrepancies, { filter: { status: ['RESOLVED'] } });
    expect(resolvedOnes.discrepancies.map((d) => d.id)).toEqual([missing?.id]);

    // The next run still finds what is still wrong, and nothing about what was resolved.
    const { reconcile: again } = await query(service.graphqlUrl, Reconcile);
    expect(again.discrepancies.map((d) => [d.type, d.status]).sort()).toEqual([
      ['NAKED_POSITION', 'ACKNOWLEDGED'],
      ['POSITION_MISMATCH', 'OPEN'],
    ]);
  });

  it('domain errors carry their code: NOT_FOUND for an unknown id, CONFLICT for a resolved one', async () => {
    driftSilently();
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const unknown = await post(service.graphqlUrl, Acknowledge, { id: 'no-such-discrepancy' });
    expect(unknown.data).toBeNull();
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        message: 'no discrepancy with id no-such-discrepancy',
        path: ['acknowledgeDiscrepancy'],
        extensions: { code: 'NOT_FOUND' },
      }),
    ]);
    const id = reconcile.discrepancies[0]?.id ?? '';
    await query(service.graphqlUrl, Resolve, { id });
    const twice = await post(service.graphqlUrl, Resolve, { id });
    expect(twice.errors?.[0]).toMatchObject({
      message: `discrepancy ${id} is already resolved`,
      extensions: { code: 'CONFLICT' },
    });
    const ackResolved = await post(service.graphqlUrl, Acknowledge, { id });
    expect(ackResolved.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
