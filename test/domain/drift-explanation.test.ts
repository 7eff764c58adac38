import { describe, expect, it } from 'vitest';
import { type DriftInput, explainDrift } from '../../src/domain/drift-explanation.js';
import type { Execution } from '../../src/domain/execution.js';
import { NVDA_STOCK, option, QQQ_EXPIRED_C, SPY_600_C } from '../support/contracts.js';

// 11:00 in New York; the store last set the key's quantity at 09:58:10.300.
const NOW = new Date('2026-11-25T16:00:00Z');
const UPDATED = new Date('2026-11-25T14:58:10.300Z');
let serial = 0;

/** An execution of SPY 600 C in DU111111, at a New York time of 2026-11-25 (`10:31:02`). */
function fill(at: string, side: 'BOT' | 'SLD', shares: number, price = 5.1, execId?: string): Execution {
  serial++;
  return {
    account: 'DU111111',
    conId: SPY_600_C.conId,
    execId: execId ?? `0000e0d5.${(0x6790a100 + serial).toString(16)}.01.01`,
    time: new Date(`2026-11-25T${at}-05:00`),
    side,
    shares,
    price,
    cumQty: shares,
    clientId: 0,
    permId: 1_800_000_000 + serial,
    exchange: 'CBOE',
  };
}

function corrected(original: Execution, at: string, shares: number, version = '02'): Execution {
  return {
    ...original,
    execId: original.execId.replace(/\.\w+$/, `.${version}`),
    time: new Date(`2026-11-25T${at}-05:00`),
    shares,
  };
}

function explain(input: Partial<DriftInput> & Pick<DriftInput, 'brokerQuantity'>) {
  return explainDrift({
    store: { quantity: 3, updatedAt: UPDATED },
    executions: [],
    contract: SPY_600_C,
    now: NOW,
    ...input,
  });
}

describe('drift explanation', () => {
  it('has nothing to explain when the store and the broker agree', () => {
    expect(explain({ brokerQuantity: 3, executions: [fill('10:31:02', 'BOT', 2)] })).toBeUndefined();
    expect(explain({ brokerQuantity: 3 + 1e-12 })).toBeUndefined();
  });

  it('names exactly the fills after the store’s update when they account for the whole difference', () => {
    const before = fill('09:50:00', 'BOT', 3, 5);
    const missed = [fill('10:31:02', 'BOT', 2, 5.1), fill('10:31:05', 'BOT', 1, 5.125)];
    const explanation = explain({ brokerQuantity: 6, executions: [missed[1]!, before, missed[0]!] });
    expect(explanation).toMatchObject({
      kind: 'MISSED_FILLS',
      executions: missed,
      explainedQuantity: 3,
      unexplainedQuantity: 0,
      expiry: undefined,
      text: 'the store missed 2 fills, 10:31:02 BOT 2 @ 5.10 and 10:31:05 BOT 1 @ 5.125',
    });
  });

  it('counts a missing key’s executions from the start, the store having none', () => {
    const bought = fill('09:31:00', 'BOT', 4);
    expect(explain({ store: undefined, brokerQuantity: 4, executions: [bought] })).toMatchObject({
      kind: 'MISSED_FILLS',
      executions: [bought],
    });
    expect(explain({ store: undefined, brokerQuantity: 4 })?.text).toBe(
      'no execution accounts for it: exercise, assignment, expiry or a transfer?',
    );
  });

  it('never counts an execution from a second before the store’s update: the store’s quantity came after it', () => {
    const older = fill('09:58:09', 'BOT', 2);
    expect(explain({ brokerQuantity: 5, executions: [older] })).toMatchObject({
      kind: 'NO_EXECUTION',
      executions: [],
      explainedQuantity: 0,
      unexplainedQuantity: 2,
      text: 'no execution since 09:58 accounts for it: exercise, assignment, expiry or a transfer?',
    });
  });

  it('counts an execution of the update’s own second, up to the update itself, only as far as it completes the explanation', () => {
    // 09:58:10 is the second of the update at 09:58:10.300: the fill may be in the store or not.
    const sameSecond = fill('09:58:10', 'BOT', 2);
    expect(explain({ brokerQuantity: 5, executions: [sameSecond] })).toMatchObject({
      kind: 'MISSED_FILLS',
      executions: [sameSecond],
    });
    // With a difference it does not explain, it is taken to be in the store's quantity.
    expect(explain({ brokerQuantity: 4, executions: [sameSecond] })).toMatchObject({
      kind: 'NO_EXECUTION',
      executions: [],
    });
    // An execution at exactly the update's time is of that second too.
    const exactly = { ...fill('09:58:10', 'SLD', 1), time: UPDATED };
    expect(explain({ brokerQuantity: 2, executions: [exactly] })).toMatchObject({ kind: 'MISSED_FILLS' });
  });

  it('takes the latest executions of that second first: those the store missed came after what it got', () => {
    const inStore = fill('09:58:10', 'BOT', 2);
    const missed = fill('09:58:10', 'BOT', 2);
    expect(explain({ brokerQuantity: 5, executions: [missed, inStore] })).toMatchObject({
      kind: 'MISSED_FILLS',
      executions: [missed],
      explainedQuantity: 2,
    });
  });

  it('gives the numbers when the executions account for part of the difference', () => {
    const missed = fill('10:31:02', 'BOT', 2);
    expect(explain({ brokerQuantity: 4, executions: [missed] })).toMatchObject({
      kind: 'PARTLY_EXPLAINED',
      executions: [missed],
      explainedQuantity: 2,
      unexplainedQuantity: -1,
      text:
        'executions since 09:58 account for +2 of the +1 difference (10:31:02 BOT 2 @ 5.10); ' +
        '-1 is unexplained: exercise, assignment, expiry or a transfer?',
    });
  });

  it('says so when executions since the update net to zero', () => {
    const executions = [fill('10:00:00', 'BOT', 1), fill('10:05:00', 'SLD', 1)];
    expect(explain({ brokerQuantity: 0, executions })).toMatchObject({
      kind: 'NO_EXECUTION',
      executions,
      explainedQuantity: 0,
      unexplainedQuantity: -3,
      text:
        'no execution since 09:58 accounts for it (the 2 executions since net to zero): ' +
        'exercise, assignment, expiry or a transfer?',
    });
  });

  it('hints at assignment for an expired short call the broker no longer holds', () => {
    const explanation = explain({
      store: { quantity: -2, updatedAt: UPDATED },
      brokerQuantity: 0,
      contract: QQQ_EXPIRED_C,
    });
    expect(explanation).toMatchObject({ kind: 'NO_EXECUTION', expiry: 'EXPIRED', unexplainedQuantity: 2 });
    expect(explanation?.text).toBe(
      'no execution since 09:58 accounts for it: exercise, assignment, expiry or a transfer? ' +
        'The option expired on 2026-11-20: in the money it was assigned, out of the money it expired worthless.',
    );
    expect(explain({ brokerQuantity: 0, contract: QQQ_EXPIRED_C })?.text).toMatch(/it was exercised/);
  });

  it('hints at an early exercise or assignment on the expiry day, before the close', () => {
    const today = option(700099, 'SPY', '20261125', 680, 'PUT');
    expect(
      explain({ store: { quantity: -1, updatedAt: UPDATED }, brokerQuantity: 0, contract: today }),
    ).toMatchObject({
      expiry: 'EXPIRES_TODAY',
      text: expect.stringMatching(
        /The option expires today: a short option in the money can be assigned early\.$/,
      ),
    });
    expect(explain({ brokerQuantity: 1, contract: today })?.text).toMatch(/can be exercised early\.$/);
    // After the 16:00 close it has expired.
    const late = new Date('2026-11-25T21:00:00Z');
    expect(explain({ brokerQuantity: 0, contract: today, now: late })?.expiry).toBe('EXPIRED');
    expect(explain({ brokerQuantity: 0, contract: NVDA_STOCK })?.expiry).toBeUndefined();
    expect(explain({ brokerQuantity: 0 })?.expiry).toBeUndefined();
  });

  it('finds the store ahead when a fill it counted was corrected or busted at the broker', () => {
    const original = fill('09:50:00', 'BOT', 3, 5);
    const correction = corrected(original, '10:10:00', 1);
    const explanation = explain({ brokerQuantity: 1, executions: [original, correction] });
    expect(explanation).toMatchObject({
      kind: 'STORE_AHEAD',
      executions: [correction],
      steps: [{ execution: correction, replaces: original, quantity: -2 }],
      explainedQuantity: -2,
      unexplainedQuantity: 0,
      text:
        'the store holds a fill the broker has since corrected or busted: ' +
        '09:50:00 BOT 3 @ 5.00 corrected to BOT 1 @ 5.00 at 10:10:00',
    });
    const bust = corrected(original, '10:10:00', 0);
    const missed = fill('10:20:00', 'BOT', 1);
    expect(explain({ brokerQuantity: 1, executions: [original, bust, missed] })?.text).toBe(
      'the store holds a fill the broker has since corrected or busted: 09:50:00 BOT 3 @ 5.00 busted at 10:10:00; ' +
        'it also missed 10:20:00 BOT 1 @ 5.10',
    );
  });

  it('reads a correction that adds shares as something the store missed', () => {
    const original = fill('09:50:00', 'BOT', 3, 5);
    const correction = corrected(original, '10:10:00', 4);
    expect(explain({ brokerQuantity: 4, executions: [correction, original] })).toMatchObject({
      kind: 'MISSED_FILLS',
      text: 'the store missed 1 correction, 09:50:00 BOT 3 @ 5.00 corrected to BOT 4 @ 5.00 at 10:10:00',
    });
  });

  it('counts a fill the store never saw by the version in force, and an execution seen twice once', () => {
    const original = fill('10:31:02', 'BOT', 2);
    const correction = corrected(original, '10:40:00', 1);
    const explanation = explain({ brokerQuantity: 4, executions: [original, correction, { ...correction }] });
    expect(explanation).toMatchObject({
      kind: 'MISSED_FILLS',
      executions: [correction],
      steps: [{ execution: correction, replaces: undefined, quantity: 1 }],
    });
  });

  it('sums decimal quantities exactly and agrees within the configured tolerance', () => {
    const executions = [fill('10:00:00', 'BOT', 0.1), fill('10:00:01', 'BOT', 0.2)];
    expect(
      explain({ store: { quantity: 0.7, updatedAt: UPDATED }, brokerQuantity: 1, executions }),
    ).toMatchObject({
      kind: 'MISSED_FILLS',
      explainedQuantity: 0.3,
      unexplainedQuantity: 0,
    });
    const tolerance = { absolute: 0, relative: 0.01 };
    const nearly = [fill('10:00:00', 'BOT', 99.5)];
    expect(
      explain({
        store: { quantity: 0, updatedAt: UPDATED },
        brokerQuantity: 100,
        executions: nearly,
        tolerance,
      }),
    ).toMatchObject({ kind: 'MISSED_FILLS', unexplainedQuantity: 0.5 });
  });

  it('names five executions and counts the rest, and dates a time of another day', () => {
    const executions = Array.from({ length: 7 }, (_, i) => fill(`10:0${i}:00`, 'BOT', 1));
    expect(explain({ brokerQuantity: 10, executions })?.text).toBe(
      'the store missed 7 fills, 10:00:00 BOT 1 @ 5.10, 10:01:00 BOT 1 @ 5.10, 10:02:00 BOT 1 @ 5.10, ' +
        '10:03:00 BOT 1 @ 5.10, 10:04:00 BOT 1 @ 5.10 and 2 more',
    );
    const yesterday = { ...fill('10:00:00', 'BOT', 1), time: new Date('2026-11-24T20:59:59Z') };
    const store = { quantity: 3, updatedAt: new Date('2026-11-24T20:00:00Z') };
    expect(explain({ store, brokerQuantity: 4, executions: [yesterday] })?.text).toBe(
      'the store missed 1 fill, 2026-11-24 15:59:59 BOT 1 @ 5.10',
    );
    expect(explain({ store, brokerQuantity: 5 })?.text).toMatch(
      /^no execution since 2026-11-24 15:00 accounts/,
    );
  });
});
