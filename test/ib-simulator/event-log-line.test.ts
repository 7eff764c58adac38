import { describe, expect, it } from 'vitest';
import { eventLogLine } from '../../src/infra/ib-simulator/event-log-line.js';

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
});
