import { EventName } from '@stoqey/ib';
import { beforeEach, describe, expect, it } from 'vitest';
import { AAPL_230_P, NVDA_STOCK, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { asReceived } from './support/received-contract.js';
import type { RecordingClient } from './support/recording-client.js';
import { useSimulatorHarness } from './support/simulator-harness.js';

const h = useSimulatorHarness();

/** Requests positions and returns the snapshot: every `position` event up to `positionEnd`. */
async function snapshot(client: RecordingClient): Promise<(readonly unknown[])[]> {
  const after = client.mark();
  client.api.reqPositions();
  await client.waitFor(EventName.positionEnd, () => true, { after });
  const since = client.events.slice(after);
  const end = since.findIndex((e) => e.name === EventName.positionEnd);
  return since
    .slice(0, end)
    .filter((e) => e.name === EventName.position)
    .map((e) => e.args);
}

function positionsAfter(client: RecordingClient, after: number): (readonly unknown[])[] {
  return client.events
    .slice(after)
    .filter((e) => e.name === EventName.position)
    .map((e) => e.args);
}

describe('reqPositions', () => {
  beforeEach(() => {
    h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.3 });
    h.sim.open('DU111111', SPXW_6000_C, -3, { averageCost: 4012.5, marketPrice: 41 });
    h.sim.open('DU222222', SPY_600_C, 1, { averageCost: 498 });
    h.sim.open('DU222222', NVDA_STOCK, 0.5, { averageCost: 181.25 });
  });

  it('sends every position of every account with exact contract fields, then positionEnd', async () => {
    const client = await h.client(1);
    const rows = await snapshot(client);
    expect(rows).toEqual([
      ['DU111111', asReceived(SPY_600_C), 2, 512.34],
      ['DU111111', asReceived(SPXW_6000_C), -3, 4012.5],
      ['DU222222', asReceived(SPY_600_C), 1, 498],
      ['DU222222', asReceived(NVDA_STOCK), 0.5, 181.25],
    ]);
    expect(rows[1]?.[1]).toMatchObject({
      symbol: 'SPX',
      secType: 'OPT',
      lastTradeDateOrContractMonth: '20261204',
      strike: 6000,
      right: 'C',
      multiplier: 100,
      localSymbol: 'SPXW  261204C06000000',
      tradingClass: 'SPXW',
    });
    expect(client.errors()).toEqual([]);
  });

  it('pushes later opens, changes and closes to every subscriber; a close is quantity 0', async () => {
    const first = await h.client(1);
    const second = await h.client(2);
    await snapshot(first);
    await snapshot(second);
    const marks = [first.mark(), second.mark()];

    h.sim.open('DU222222', AAPL_230_P, -4, { averageCost: 655, marketPrice: 6.4 });
    h.sim.change('DU111111', SPY_600_C.conId, 5);
    h.sim.close('DU111111', SPXW_6000_C.conId);

    for (const [i, client] of [first, second].entries()) {
      await client.waitUntil(() => positionsAfter(client, marks[i] ?? 0).length === 3, 'three pushes');
      const pushed = positionsAfter(client, marks[i] ?? 0);
      expect(pushed[0]).toEqual(['DU222222', asReceived(AAPL_230_P), -4, 655]);
      expect(pushed[1]?.slice(0, 3)).toEqual(['DU111111', asReceived(SPY_600_C), 5]);
      // Bought 3 more at 5.30 × 100 on top of 2 at 512.34.
      expect(pushed[1]?.[3]).toBeCloseTo((2 * 512.34 + 3 * 530) / 5, 9);
      expect(pushed[2]).toEqual(['DU111111', asReceived(SPXW_6000_C), 0, 0]);
      expect(client.errors()).toEqual([]);
    }
  });

  it('keeps a closed position as quantity 0 in later snapshots of the same day', async () => {
    const client = await h.client(1);
    h.sim.close('DU111111', SPY_600_C.conId);
    const rows = await snapshot(client);
    expect(rows.map((r) => [r[0], (r[1] as { conId: number }).conId, r[2]])).toEqual([
      ['DU111111', SPY_600_C.conId, 0],
      ['DU111111', SPXW_6000_C.conId, -3],
      ['DU222222', SPY_600_C.conId, 1],
      ['DU222222', NVDA_STOCK.conId, 0.5],
    ]);
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(0);
  });

  it('forgets a closed row when the exchange date changes', async () => {
    h.sim.close('DU111111', SPY_600_C.conId);
    h.clock.advance(24 * 3_600_000);
    const client = await h.client(1);
    const conIds = (await snapshot(client)).map((r) => `${r[0]}:${(r[1] as { conId: number }).conId}`);
    expect(conIds).not.toContain(`DU111111:${SPY_600_C.conId}`);
    expect(conIds).toHaveLength(3);
  });

  it('tells no client about a silent change, which later snapshots show', async () => {
    const client = await h.client(1);
    await snapshot(client);
    const mark = client.mark();
    h.sim.silently.change('DU111111', SPY_600_C.conId, 7);
    h.sim.silently.open('DU222222', SPY_550_P, 2, { averageCost: 300 });
    h.sim.silently.close('DU222222', SPY_600_C.conId);
    await client.roundTrip();
    expect(positionsAfter(client, mark)).toEqual([]);

    const rows = await snapshot(client);
    const quantities = Object.fromEntries(
      rows.map((r) => [`${r[0]}:${(r[1] as { conId: number }).conId}`, r[2]]),
    );
    expect(quantities).toMatchObject({
      [`DU111111:${SPY_600_C.conId}`]: 7,
      [`DU222222:${SPY_550_P.conId}`]: 2,
      [`DU222222:${SPY_600_C.conId}`]: 0,
    });
  });

  it('drops a removed key from snapshots: pushed as 0 unless silent', async () => {
    const client = await h.client(1);
    await snapshot(client);
    const mark = client.mark();
    h.sim.remove('DU111111', SPXW_6000_C.conId);
    h.sim.remove('DU222222', NVDA_STOCK.conId, { silent: true });
    await client.roundTrip();
    expect(positionsAfter(client, mark)).toEqual([['DU111111', asReceived(SPXW_6000_C), 0, 0]]);

    const keys = (await snapshot(client)).map((r) => `${r[0]}:${(r[1] as { conId: number }).conId}`);
    expect(keys).toEqual([`DU111111:${SPY_600_C.conId}`, `DU222222:${SPY_600_C.conId}`]);
    expect(h.sim.position('DU111111', SPXW_6000_C.conId)).toBeUndefined();
  });

  it('stops pushing after cancelPositions', async () => {
    const client = await h.client(1);
    await snapshot(client);
    client.api.cancelPositions();
    await expectPoll(() => h.sim.requestsOf(1).some((r) => r.request.type === 'CANCEL_POSITIONS'));
    const mark = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 9);
    await client.roundTrip();
    expect(positionsAfter(client, mark)).toEqual([]);
  });

  it('logs one REQ_POSITIONS per request on the connection that sent it', async () => {
    const client = await h.client(4);
    await snapshot(client);
    const types = h.sim.requestsOf(4).map((r) => r.request.type);
    expect(types).toEqual(['START_API', 'REQ_POSITIONS']);
  });
});

async function expectPoll(condition: () => boolean): Promise<void> {
  await expect.poll(condition, { timeout: 10_000 }).toBe(true);
}
