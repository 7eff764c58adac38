import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contract } from '../../../src/domain/contract.js';
import type { Position } from '../../../src/domain/position.js';
import type { PositionUpdate } from '../../../src/domain/position-update.js';
import { parseSecurityTypes } from '../../../src/domain/security-type-filter.js';
import type { SimulatedPosition } from '../../../src/infra/ib-simulator/simulated-book.js';
import {
  AAPL_230_P,
  NVDA_STOCK,
  option,
  SPXW_6000_C,
  SPY_550_P,
  SPY_600_C,
} from '../../support/contracts.js';
import { AdapterHarness, until } from './support/adapter-harness.js';

let h: AdapterHarness;
beforeEach(async () => {
  h = await AdapterHarness.start();
  h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  h.sim.open('DU111111', NVDA_STOCK, 100, { averageCost: 120 });
  h.sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
});
afterEach(async () => {
  await h.dispose();
});

const contracts = new Map<number, Contract>(
  [SPY_600_C, SPY_550_P, SPXW_6000_C, AAPL_230_P, NVDA_STOCK].map((c) => [c.conId, c]),
);

async function collect(
  iterator: AsyncIterableIterator<PositionUpdate>,
  count: number,
): Promise<PositionUpdate[]> {
  const seen: PositionUpdate[] = [];
  for await (const update of iterator) {
    seen.push(update);
    if (seen.length === count) break;
  }
  return seen;
}

describe('the live position stream', () => {
  it('emits the starting list as SNAPSHOT and later changes as STREAM, normalized, options only by default', async () => {
    const a = await h.adapter().startReady();
    const startingList = [...a.updates];
    expect(startingList.every((u) => u.source === 'SNAPSHOT')).toBe(true);
    expect(new Set(startingList.map((u) => u.contract.secType))).toEqual(new Set(['OPT']));
    const spy = startingList.find((u) => u.conId === SPY_600_C.conId && u.marketValue !== undefined);
    expect(spy).toMatchObject({
      account: 'DU111111',
      conId: SPY_600_C.conId,
      contract: SPY_600_C,
      quantity: 2,
      averageCost: 512.34,
      marketPrice: 5.25,
      marketValue: 1050,
      unrealizedPnl: 25.32,
      realizedPnl: 0,
      source: 'SNAPSHOT',
    });
    expect(startingList.find((u) => u.account === 'DU222222')).toMatchObject({
      contract: SPXW_6000_C,
      quantity: -1,
      averageCost: 4000,
      marketValue: undefined,
    });

    const before = a.updates.length;
    h.sim.change('DU222222', SPXW_6000_C.conId, -3);
    h.sim.close('DU111111', SPY_600_C.conId);
    await a.untilUpdate((u) => u.conId === SPY_600_C.conId && u.quantity === 0, 'the close');
    const later = a.updates.slice(before);
    expect(later.every((u) => u.source === 'STREAM')).toBe(true);
    expect(later.map((u) => [u.account, u.conId, u.quantity])).toEqual(
      expect.arrayContaining([
        ['DU222222', SPXW_6000_C.conId, -3],
        ['DU111111', SPY_600_C.conId, 0],
      ]),
    );
    expect(a.adapter.book().map((p) => p.conId)).toEqual([SPXW_6000_C.conId]);
    expect(a.adapter.book({ includeClosed: true }).map((p) => p.conId)).toEqual([
      SPY_600_C.conId,
      SPXW_6000_C.conId,
    ]);
  });

  it('tracks every security type when asked', async () => {
    const a = await h.adapter({ securityTypes: parseSecurityTypes('ALL') }).startReady();
    expect(
      a.adapter
        .book()
        .map((p) => p.contract.secType)
        .sort(),
    ).toEqual(['OPT', 'OPT', 'STK']);
    expect(a.updates.some((u) => u.conId === NVDA_STOCK.conId && u.quantity === 100)).toBe(true);
  });

  it('delivers every update to every handler and open iterator with strictly increasing sequences', async () => {
    const a = await h.adapter().startReady();
    const handlerA: PositionUpdate[] = [];
    const handlerB: PositionUpdate[] = [];
    const offA = a.adapter.onUpdate((u) => handlerA.push(u));
    a.adapter.onUpdate((u) => handlerB.push(u));
    a.adapter.onUpdate(() => {
      throw new Error('a broken consumer');
    });
    const first = collect(a.adapter.updates(), 3);
    const second = collect(a.adapter.updates(), 2);
    const listenersWhileOpen = a.adapter.updateListenerCount;

    h.sim.open('DU111111', SPY_550_P, -4, { marketPrice: 3.1 });
    h.sim.change('DU222222', SPXW_6000_C.conId, 2);
    // The opened put comes on both feeds of the subscribed account, the other change on one.
    await until(() => handlerA.length >= 3, 'three updates');
    const [fromFirst, fromSecond] = await Promise.all([first, second]);

    expect(fromFirst).toEqual(handlerA.slice(0, 3));
    expect(fromSecond).toEqual(handlerA.slice(0, 2));
    expect(handlerB).toEqual(handlerA);
    const sequences = [...a.updates.map((u) => u.sequence)];
    expect(sequences.every((s, i) => i === 0 || s > sequences[i - 1]!)).toBe(true);
    expect(new Set(a.updates.map((u) => u.idempotencyKey)).size).toBe(a.updates.length);
    for (const u of handlerA) expect(u.contract).toEqual(contracts.get(u.conId));
    expect(handlerA.find((u) => u.conId === SPY_550_P.conId)?.contract.right).toBe('PUT');
    expect(a.logsAt('error').map((l) => l.msg)).toContain('a position update listener failed');

    // The iterators' consumers returned: their listeners are gone; the handlers stay until removed.
    expect(a.adapter.updateListenerCount).toBe(listenersWhileOpen - 2);
    offA();
    expect(a.adapter.updateListenerCount).toBe(listenersWhileOpen - 3);
  });

  it('after 1,000 random changes in a row the broker book equals the simulator exactly', async () => {
    const a = await h.adapter().startReady();
    const pool = Array.from({ length: 12 }, (_, i) =>
      option(810_000 + i, i % 2 ? 'QQQ' : 'IWM', '20270115', 100 + 5 * i, i % 3 ? 'CALL' : 'PUT'),
    );
    const accounts = ['DU111111', 'DU222222'];
    let seed = 20_261_125;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 1_000; i++) {
      const account = accounts[Math.floor(random() * accounts.length)]!;
      const contract = pool[Math.floor(random() * pool.length)]!;
      const quantity = Math.floor(random() * 21) - 10;
      const held = h.sim.position(account, contract.conId);
      if (!held || held.quantity === 0) {
        if (quantity !== 0) h.sim.open(account, contract, quantity, { marketPrice: 1 + random() * 9 });
      } else {
        h.sim.setPrice(contract.conId, 1 + random() * 9);
        h.sim.change(account, contract.conId, quantity);
      }
    }
    // Prices reach clients only with the portfolio feed's refresh (every 3 minutes on TWS).
    h.sim.refreshPortfolio();
    const expected = h.sim
      .positions()
      .filter((p) => p.contract.secType === 'OPT')
      .map(fromSimulator);
    expect(expected.length).toBeGreaterThan(20);
    await expect
      .poll(() => a.adapter.book({ includeClosed: true }).map(comparable), { timeout: 10_000, interval: 5 })
      .toEqual(expected);
  });
});

/** What the broker book must hold for a simulator row: money only for the subscribed account. */
function fromSimulator(p: SimulatedPosition): ReturnType<typeof comparable> {
  const valued = p.account === 'DU111111';
  return {
    key: `${p.account}:${p.contract.conId}`,
    contract: p.contract,
    quantity: p.quantity,
    averageCost: p.averageCost,
    marketValue: valued ? p.marketValue : undefined,
    unrealizedPnl: valued ? p.unrealizedPnl : undefined,
    realizedPnl: valued ? p.realizedPnl : undefined,
  };
}

function comparable(p: Position) {
  return {
    key: `${p.account}:${p.conId}`,
    contract: p.contract,
    quantity: p.quantity,
    averageCost: p.averageCost,
    marketValue: p.marketValue,
    unrealizedPnl: p.unrealizedPnl,
    realizedPnl: p.realizedPnl,
  };
}
