import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { MAIN, OTHER, openLiveBook, QQQ_CALL, SPY_CALL, SPY_PUT } from '../support/standard-book.js';
import { makeTempDir } from '../support/temp-dir.js';
import { query } from './support/graphql-http.js';
import { Subscriber } from './support/transports.js';

const Verification = graphql(`
  query ApiVerification {
    status { broker { state } verification { state reason verifiedAt run { id trigger } } }
  }
`);

const Book = graphql(`
  query ApiVerificationBook {
    positions { account quantity contract { conId } verifiedAt openDiscrepancy { type severity status } }
  }
`);

const Reconcile = graphql(`
  mutation ApiVerificationReconcile {
    reconcile { id finishedAt caughtUpCount loadedCount }
  }
`);

const Runs = graphql(`
  query ApiVerificationRuns {
    reconciliationRuns(first: 5) {
      edges { node { trigger status caughtUpCount loadedCount discrepancies { type status note caughtUpAt storeUpdatedAt } } }
    }
  }
`);

const Changes = graphql(`
  subscription ApiVerificationChanges {
    discrepancyChanged { kind discrepancy { account type status storeQuantity brokerQuantity note caughtUpAt contract { conId } } }
  }
`);

let service: ServiceFixture | undefined;
let subscriber: Subscriber | undefined;
const folders: { remove(): void }[] = [];

afterEach(async () => {
  await subscriber?.dispose();
  subscriber = undefined;
  await service?.dispose();
  service = undefined;
  for (const f of folders.splice(0)) f.remove();
});

describe('the verification state through the API', () => {
  it('no broker ever connected: UNVERIFIED with the reason, /readyz 503, and the metric says so', async () => {
    service = await startService({ brokerDown: true });
    const { status } = await query(service.graphqlUrl, Verification);
    expect(status.verification).toEqual({
      state: 'UNVERIFIED',
      reason: `broker ${status.broker.state}`,
      verifiedAt: null,
      run: null,
    });
    expect(status.broker.state).not.toBe('READY');
    const readyz = await fetch(`${service.sentinel.url}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { checks: { verification: string } }).checks.verification).toMatch(
      /^UNVERIFIED: broker (DISCONNECTED|CONNECTING|CONNECTED)$/,
    );
    expect(await service.metric('sentinel_verification_state{state="UNVERIFIED"}')).toBe(1);
    expect(await service.metric('sentinel_verification_state{state="VERIFIED"}')).toBe(0);
    expect(await service.metric('sentinel_verification_age_seconds')).toBeNaN();
  });

  it('VERIFIED by the STARTUP run; per key the last agreeing run and the active discrepancy', async () => {
    service = await startService();
    const { status } = await query(service.graphqlUrl, Verification);
    expect(status.verification).toMatchObject({
      state: 'VERIFIED',
      reason: null,
      run: { trigger: 'STARTUP' },
    });
    expect(await service.metric('sentinel_verification_state{state="VERIFIED"}')).toBe(1);
    const before = (await query(service.graphqlUrl, Book)).positions;
    expect(before).toHaveLength(3);
    for (const p of before)
      expect(p).toMatchObject({ verifiedAt: status.verification.verifiedAt, openDiscrepancy: null });

    service.simulator.silently.change(MAIN, SPY_CALL.conId, 7);
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const after = (await query(service.graphqlUrl, Book)).positions;
    const byConId = (conId: number) => after.find((p) => p.contract.conId === conId);
    // The drifted key keeps its earlier verification and names its open discrepancy; the others move on.
    expect(byConId(SPY_CALL.conId)).toMatchObject({
      verifiedAt: status.verification.verifiedAt,
      openDiscrepancy: { type: 'POSITION_MISMATCH', severity: 'WARNING', status: 'OPEN' },
    });
    expect(byConId(SPY_PUT.conId)).toMatchObject({ verifiedAt: reconcile.finishedAt, openDiscrepancy: null });
    expect(byConId(QQQ_CALL.conId)).toMatchObject({
      verifiedAt: reconcile.finishedAt,
      openDiscrepancy: null,
    });
  });

  it('a restart after silent changes: OPENED then RESOLVED on the subscription, with the catch-up notes', async () => {
    const folder = makeTempDir('sentinel-catch-up-');
    folders.push(folder);
    const first = await startService({ dbFolder: folder.path });
    const [firstRun] = (await query(first.graphqlUrl, Runs)).reconciliationRuns.edges;
    expect(firstRun?.node).toMatchObject({ trigger: 'STARTUP', caughtUpCount: 0, loadedCount: 3 });
    await first.dispose();

    // The broker as it is when the service starts again: two quantities moved while it was stopped.
    service = await startService({
      dbFolder: folder.path,
      brokerDown: true,
      book: (sim) => {
        openLiveBook(sim);
        sim.silently.change(MAIN, SPY_CALL.conId, 12);
        sim.silently.change(OTHER, QQQ_CALL.conId, -3);
      },
    });
    subscriber = new Subscriber('websocket', service.graphqlUrl);
    const changes = subscriber.subscribe(Changes);
    await service.untilSubscriptions(1);
    await service.acceptBroker();
    await service.untilStartupRun();

    const events = (await changes.untilEvents(4)).map((e) => e.discrepancyChanged);
    const of = (conId: number) => events.filter((e) => e.discrepancy.contract.conId === conId);
    expect(of(SPY_CALL.conId).map((e) => [e.kind, e.discrepancy.status])).toEqual([
      ['OPENED', 'OPEN'],
      ['RESOLVED', 'RESOLVED'],
    ]);
    expect(of(SPY_CALL.conId)[1]?.discrepancy).toMatchObject({
      account: MAIN,
      type: 'POSITION_MISMATCH',
      storeQuantity: 10,
      brokerQuantity: 12,
      note: expect.stringMatching(
        /^caught up after start at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: the store had 10 since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, the broker 12 /,
      ),
    });
    expect(of(QQQ_CALL.conId).map((e) => e.kind)).toEqual(['OPENED', 'RESOLVED']);
    expect(of(QQQ_CALL.conId)[0]?.discrepancy.type).toBe('POSITION_MISMATCH');

    const [startup] = (await query(service.graphqlUrl, Runs)).reconciliationRuns.edges;
    expect(startup?.node).toMatchObject({
      trigger: 'STARTUP',
      status: 'CLEAN',
      caughtUpCount: 2,
      loadedCount: 0,
    });
    expect(startup?.node.discrepancies).toHaveLength(2);
    expect(await service.metric('sentinel_caught_up_positions_total')).toBe(2);
    for (const d of startup?.node.discrepancies ?? []) {
      expect(d.status).toBe('RESOLVED');
      expect(new Date(d.storeUpdatedAt!).getTime()).toBeLessThan(new Date(d.caughtUpAt!).getTime());
    }
    const book = (await query(service.graphqlUrl, Book)).positions;
    expect(book.find((p) => p.contract.conId === SPY_CALL.conId)?.quantity).toBe(12);
    expect(book.find((p) => p.contract.conId === QQQ_CALL.conId)?.quantity).toBe(-3);
  });
});
