import { afterEach, describe, expect, it } from 'vitest';
import {
  type DemoScenario,
  type ScenarioBroker,
  startDemoScenario,
} from '../../../src/infra/ib-simulator/demo/demo-scenario.js';
import {
  listOptions,
  occSymbol,
  upcomingExpiries,
} from '../../../src/infra/ib-simulator/demo/option-catalog.js';
import { theoreticalPremium, toTick } from '../../../src/infra/ib-simulator/demo/option-pricing.js';
import { seededRandom } from '../../../src/infra/ib-simulator/demo/seeded-random.js';
import type { SimulatorEvent } from '../../../src/infra/ib-simulator/simulator-events.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { ManualClock } from '../../support/manual-clock.js';

const START = '2026-11-25T15:00:00Z'; // a Wednesday, 10:00 in New York
const running: { sim: TwsSimulator; scenario: DemoScenario }[] = [];

afterEach(async () => {
  for (const { sim, scenario } of running.splice(0)) {
    scenario.stop();
    await sim.stop();
  }
});

async function demo(seed: number, options: Partial<Parameters<typeof startDemoScenario>[1]> = {}) {
  const clock = new ManualClock(START);
  const sim = await startSimulator({ clock });
  const events: SimulatorEvent[] = [];
  sim.onEvent((e) => events.push(e));
  const scenario = startDemoScenario(sim, { clock, random: seededRandom(seed), ...options });
  running.push({ sim, scenario });
  return { clock, sim, scenario, events };
}

describe('demo scenario', () => {
  it('starts with a realistic options book in every account', async () => {
    const { sim } = await demo(1);
    const open = sim.positions().filter((p) => p.quantity !== 0);
    expect(open).toHaveLength(16);
    for (const account of sim.accounts) expect(open.filter((p) => p.account === account)).toHaveLength(8);
    for (const p of open) {
      expect(p.contract).toMatchObject({ secType: 'OPT', multiplier: 100, currency: 'USD' });
      expect(p.contract.expiry! > '20261125').toBe(true);
      expect(p.contract.localSymbol).toBe(
        occSymbol(p.contract.tradingClass!, p.contract.expiry!, p.contract.right!, p.contract.strike!),
      );
      expect(p.marketPrice).toBeGreaterThan(0);
      expect(p.averageCost).toBeCloseTo(p.marketPrice * 100, 6);
    }
    expect(new Set(open.map((p) => Math.sign(p.quantity)))).toEqual(new Set([1, -1]));
    expect(new Set(open.map((p) => p.contract.right))).toEqual(new Set(['CALL', 'PUT']));
  });

  it('over ten minutes trades, moves prices and drifts silently, the first drift within a minute', async () => {
    const { clock, events } = await demo(7);
    const started = events.length;
    clock.advance(10 * 60_000);
    const later = events.slice(started);
    const trades = later.filter((e) => e.type === 'position-changed' && !e.silent);
    const drifts = later.filter((e) => e.type === 'position-changed' && e.silent);
    const prices = later.filter((e) => e.type === 'prices-changed');
    expect(trades.length).toBeGreaterThanOrEqual(75);
    expect(new Set(trades.map((e) => (e.type === 'position-changed' ? e.change : '')))).toEqual(
      new Set(['open', 'change', 'close']),
    );
    expect(prices).toHaveLength(120);
    expect(drifts.length).toBeGreaterThanOrEqual(3);
    expect(drifts[0]!.at.getTime() - new Date(START).getTime()).toBeLessThanOrEqual(60_000);
  });

  it('leaves a drifted position out of its trading for a while, so that no trade repairs the drift before a run finds it', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { clock, events } = await demo(seed, { firstDriftAfterMs: 10_000, driftHoldMs: 120_000 });
      clock.advance(10_000);
      const drift = events.find((e) => e.type === 'position-changed' && e.silent);
      if (drift?.type !== 'position-changed') throw new Error(`seed ${seed}: no drift after 10 s`);
      const key = `${drift.position.account}:${drift.position.contract.conId}`;
      const from = events.length;
      clock.advance(119_000);
      const touched = events
        .slice(from)
        .filter(
          (e) =>
            e.type === 'position-changed' &&
            !e.silent &&
            `${e.position.account}:${e.position.contract.conId}` === key,
        );
      expect(touched, `seed ${seed}`).toEqual([]);
    }
  });

  it('shows both flavours of drift within two minutes: lost fills first, then a change with no trade', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { clock, sim, events } = await demo(seed);
      const before = new Map(sim.positions().map((p) => [`${p.account}:${p.contract.conId}`, p.quantity]));
      const started = events.length;
      clock.advance(120_000);
      const later = events.slice(started);
      const drifts = later.filter((e) => e.type === 'position-changed' && e.silent && !e.reason);
      const noTrade = later.filter((e) => e.type === 'position-changed' && e.silent && e.reason);
      const lost = later.flatMap((e) => (e.type === 'execution' && e.lost ? [e.execution] : []));
      const first = drifts[0];
      if (first?.type !== 'position-changed') throw new Error(`seed ${seed}: no lost-fills drift`);
      const key = `${first.position.account}:${first.position.contract.conId}`;
      // The lost executions account for exactly the change of the key, and the pull returns them.
      const moved = lost
        .filter((x) => `${x.account}:${x.contract.conId}` === key)
        .reduce((sum, x) => sum + (x.side === 'BOT' ? x.shares : -x.shares), 0);
      const earlier = later
        .slice(0, later.indexOf(first))
        .filter(
          (e) =>
            e.type === 'position-changed' && `${e.position.account}:${e.position.contract.conId}` === key,
        )
        .at(-1);
      const was = earlier?.type === 'position-changed' ? earlier.position.quantity : (before.get(key) ?? 0);
      expect(moved, `seed ${seed}`).toBe(first.position.quantity - was);
      expect(sim.executions().map((x) => x.execId)).toEqual(
        expect.arrayContaining(lost.map((x) => x.execId)),
      );
      expect(noTrade.length, `seed ${seed}`).toBeGreaterThanOrEqual(1);
      expect(first.at.getTime()).toBeLessThan(noTrade[0]!.at.getTime());
      expect(['assignment', 'exercise', 'transfer']).toContain(
        noTrade[0]?.type === 'position-changed' ? noTrade[0].reason : undefined,
      );
    }
  });

  it('gives every trade it announces its executions, pushed before the position change', async () => {
    const { clock, events } = await demo(9);
    const started = events.length;
    clock.advance(3 * 60_000);
    const later = events.slice(started);
    let executions: number[] = [];
    let trades = 0;
    for (const e of later) {
      if (e.type === 'execution' && !e.lost) {
        executions.push(e.execution.side === 'BOT' ? e.execution.shares : -e.execution.shares);
      } else if (e.type === 'position-changed' && !e.silent) {
        expect(executions.length, `${e.change} at ${e.at.toISOString()}`).toBeGreaterThan(0);
        trades++;
        executions = [];
      }
    }
    expect(trades).toBeGreaterThanOrEqual(20);
  });

  it('moves prices: the book is valued differently after a while', async () => {
    const { clock, sim } = await demo(3, { tradeEveryMs: [3_600_000, 3_600_000] });
    const before = new Map(sim.positions().map((p) => [p.contract.conId, p.marketPrice]));
    clock.advance(5 * 60_000);
    const moved = sim
      .positions()
      .filter((p) => before.has(p.contract.conId) && before.get(p.contract.conId) !== p.marketPrice);
    expect(moved.length).toBeGreaterThan(0);
  });

  it('replays the same day from the same seed', async () => {
    const summary = async (seed: number) => {
      const { clock, events } = await demo(seed);
      clock.advance(3 * 60_000);
      return events
        .filter((e) => e.type === 'position-changed')
        .map((e) =>
          e.type === 'position-changed'
            ? `${e.change}:${e.silent}:${e.position.account}:${e.position.contract.conId}:${e.position.quantity}`
            : '',
        );
    };
    const first = await summary(11);
    expect(await summary(11)).toEqual(first);
    expect(await summary(12)).not.toEqual(first);
  });

  it('drops options once they expired, silently, as TWS does overnight', async () => {
    const { clock, sim, scenario } = await demo(5, {
      tradeEveryMs: [3_600_000, 3_600_000],
      priceEveryMs: 3_600_000,
      firstDriftAfterMs: 10 * 86_400_000,
    });
    const expiring = sim.positions().filter((p) => p.contract.expiry === '20261127');
    expect(expiring.length).toBeGreaterThan(0);
    clock.set('2026-11-28T15:00:00Z');
    expect(sim.positions().filter((p) => p.contract.expiry === '20261127')).toEqual([]);
    expect(scenario.stats.expiredRemoved).toBeGreaterThanOrEqual(expiring.length);
  });

  it('stop() leaves no timer behind', async () => {
    const { clock, sim, scenario } = await demo(2);
    clock.advance(60_000);
    scenario.stop();
    // The simulator's own portfolio refresh is the only timer left.
    expect(clock.pendingCount).toBe(1);
    await sim.stop();
    expect(clock.pendingCount).toBe(0);
    const count = sim.positions().length;
    clock.advance(60_000);
    expect(sim.positions()).toHaveLength(count);
  });

  it('reports a failing step and goes on', async () => {
    const errors: unknown[] = [];
    const { clock, sim, scenario } = await demo(4, { onError: (e) => errors.push(e) });
    const broken: ScenarioBroker = {
      accounts: sim.accounts,
      positions: () => sim.positions(),
      open: (...args) => sim.open(...args),
      change: () => {
        throw new Error('boom');
      },
      close: (...args) => sim.close(...args),
      silently: sim.silently,
      lostFills: sim.lostFills,
      remove: (...args) => sim.remove(...args),
      setPrices: (prices) => sim.setPrices(prices),
    };
    scenario.stop();
    const again = startDemoScenario(broken, {
      clock,
      random: seededRandom(4),
      onError: (e) => errors.push(e),
    });
    running.push({ sim, scenario: again });
    clock.advance(5 * 60_000);
    expect(errors.length).toBeGreaterThan(0);
    expect(again.stats.trades).toBeGreaterThan(0);
  });
});

describe('option catalog and prices', () => {
  it('lists monthly third Fridays and weekly Fridays after today', () => {
    expect(upcomingExpiries('2026-11-25', 2, 2)).toEqual({
      weekly: ['20261127', '20261204'],
      monthly: ['20261218', '20270115'],
    });
    expect(upcomingExpiries('2026-11-20', 1, 1)).toEqual({ weekly: ['20261127'], monthly: ['20261218'] });
  });

  it('gives SPX monthlies class SPX and weeklies SPXW, with OCC local symbols and stable conIds', () => {
    const listed = listOptions(new Date(START));
    const spx = listed.filter((l) => l.underlying === 'SPX');
    expect(new Set(spx.map((l) => `${l.contract.tradingClass}:${l.contract.expiry}`))).toEqual(
      new Set(['SPX:20261218', 'SPX:20270115', 'SPXW:20261127', 'SPXW:20261204']),
    );
    const one = spx.find(
      (l) => l.contract.tradingClass === 'SPXW' && l.contract.strike === 6800 && l.contract.right === 'PUT',
    );
    expect(one?.contract.localSymbol).toBe('SPXW  261127P06800000');
    expect(new Set(listed.map((l) => l.contract.conId)).size).toBe(listed.length);
    expect(listOptions(new Date(START)).map((l) => l.contract.conId)).toEqual(
      listed.map((l) => l.contract.conId),
    );
  });

  it('prices calls down and puts up as the strike rises, near the textbook at the money', () => {
    const quote = {
      spot: 680,
      volatility: 0.15,
      now: new Date(START),
      expiresAt: new Date('2026-12-25T21:00:00Z'),
    };
    const call = (strike: number) => theoreticalPremium({ ...quote, strike, right: 'CALL' });
    const put = (strike: number) => theoreticalPremium({ ...quote, strike, right: 'PUT' });
    expect(call(670)).toBeGreaterThan(call(680));
    expect(put(690)).toBeGreaterThan(put(680));
    // At the money, about 0.4 × S × σ × √T.
    expect(call(680)).toBeGreaterThan(0.4 * 680 * 0.15 * Math.sqrt(30 / 365) * 0.9);
    expect(call(680)).toBeLessThan(0.4 * 680 * 0.15 * Math.sqrt(30 / 365) * 1.3);
    expect([toTick(12.33), toTick(1.234), toTick(0.001)]).toEqual([12.35, 1.23, 0.01]);
  });
});
