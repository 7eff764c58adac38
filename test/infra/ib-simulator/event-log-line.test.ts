import { describe, expect, it } from 'vitest';
import { eventLogLine } from '../../../src/infra/ib-simulator/event-log-line.js';
import { SPY_600_C } from '../../support/contracts.js';

const at = new Date('2026-11-25T15:00:00.000Z');

describe('event log lines', () => {
  it('names a positions-multi request by its id, account and model, and its cancellation by id', () => {
    const request = { type: 'request', at, connectionId: 3, clientId: 17 } as const;
    expect(
      eventLogLine({
        ...request,
        request: { type: 'REQ_POSITIONS_MULTI', reqId: 4, account: 'DU222222', modelCode: '' },
      }),
    ).toBe('2026-11-25T15:00:00.000Z  request             #3 (client 17) REQ_POSITIONS_MULTI 4 DU222222');
    expect(
      eventLogLine({
        ...request,
        request: { type: 'REQ_POSITIONS_MULTI', reqId: 5, account: 'DU1', modelCode: 'GROWTH' },
      }),
    ).toMatch(/REQ_POSITIONS_MULTI 5 DU1 model GROWTH$/);
    expect(eventLogLine({ ...request, request: { type: 'CANCEL_POSITIONS_MULTI', reqId: 4 } })).toMatch(
      /CANCEL_POSITIONS_MULTI 4$/,
    );
  });

  it('says which end marker was held back', () => {
    expect(eventLogLine({ type: 'position-end-withheld', at, connectionId: 3, reqId: undefined })).toMatch(
      /positionEnd held {4}#3$/,
    );
    expect(eventLogLine({ type: 'position-end-withheld', at, connectionId: 3, reqId: 9 })).toMatch(
      /positionEnd held {4}#3 request 9$/,
    );
  });

  it('prints an execution with its side, shares, price, id and client; a lost one and a correction say so', () => {
    const execution = {
      account: 'DU111111',
      contract: SPY_600_C,
      execId: '0000e0d5.6790a1b2.01.01',
      time: at,
      side: 'BOT',
      shares: 2,
      price: 5.1,
      orderId: 2147483647,
      permId: 1800000001,
      clientId: 0,
      exchange: 'CBOE',
      cumQty: 2,
      avgPrice: 5.1,
      liquidity: 2,
      commission: 1.3,
      currency: 'USD',
      realizedPnl: undefined,
      corrects: undefined,
    } as const;
    expect(eventLogLine({ type: 'execution', at, execution, lost: false })).toBe(
      '2026-11-25T15:00:00.000Z  execution           DU111111  SPY 2026-12-18 600 C        BOT 2 @ 5.1  0000e0d5.6790a1b2.01.01 (client 0)',
    );
    expect(eventLogLine({ type: 'execution', at, execution, lost: true })).toMatch(
      / {2}lost execution {6}DU111111/,
    );
    const correction = {
      ...execution,
      execId: '0000e0d5.6790a1b2.01.02',
      corrects: execution.execId,
      shares: 1,
    };
    expect(eventLogLine({ type: 'execution', at, execution: correction, lost: false })).toMatch(
      /correction {10}DU111111 .+BOT 1 @ 5\.1 {2}0000e0d5\.6790a1b2\.01\.02 of 0000e0d5\.6790a1b2\.01\.01 \(client 0\)$/,
    );
  });

  it('says what a change with no trade stands for, and names the filter of an execution request', () => {
    const position = {
      account: 'DU111111',
      contract: SPY_600_C,
      quantity: 0,
      averageCost: 0,
      marketPrice: 0.05,
      marketValue: 0,
      unrealizedPnl: 0,
      realizedPnl: 0,
    };
    expect(
      eventLogLine({
        type: 'position-changed',
        at,
        change: 'close',
        silent: true,
        position,
        reason: 'assignment',
      }),
    ).toMatch(/silent close {8}DU111111 .+qty 0 {2}@ 0\.05 {2}\(no trade: assignment\)$/);
    const filter = {
      clientId: 0,
      acctCode: 'DU1',
      time: '',
      symbol: '',
      secType: 'OPT',
      exchange: '',
      side: '',
    };
    expect(
      eventLogLine({
        type: 'request',
        at,
        connectionId: 3,
        clientId: 17,
        request: { type: 'REQ_EXECUTIONS', reqId: 9001, filter },
      }),
    ).toMatch(/REQ_EXECUTIONS 9001 \(acctCode DU1, secType OPT\)$/);
  });
});
