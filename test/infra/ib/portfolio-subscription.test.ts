import { describe, expect, it } from 'vitest';
import { resolveIbAdapterOptions } from '../../../src/infra/ib/ib-adapter-options.js';
import { PortfolioSubscription } from '../../../src/infra/ib/portfolio-subscription.js';
import { captureLogger } from '../../support/capture-logger.js';
import { ManualClock } from '../../support/manual-clock.js';
import { RecordedRequests } from './support/recorded-requests.js';

function setup(account?: string) {
  const clock = new ManualClock();
  const { logger, lines } = captureLogger();
  const sent = new RecordedRequests();
  let settled = 0;
  const options = resolveIbAdapterOptions({ host: 'h', port: 1, clientId: 1, account, clock });
  const subscription = new PortfolioSubscription(options, logger, sent, () => settled++);
  return { clock, lines, sent, subscription, settled: () => settled };
}

describe('portfolio subscription', () => {
  it('subscribes the first managed account; its rows are the download until accountDownloadEnd', () => {
    const t = setup();
    t.subscription.subscribe(['DU1', 'DU2']);
    expect(t.sent.accountUpdates).toEqual(['DU1']);
    expect(t.subscription.account).toBe('DU1');
    expect(t.subscription.downloading).toBe(true);
    t.subscription.downloadEnd('DU1');
    expect([t.subscription.downloading, t.subscription.isSettled, t.settled()]).toEqual([false, true, 1]);
    expect(t.clock.pendingCount).toBe(0);
  });

  it('never waits forever for accountDownloadEnd', () => {
    const t = setup();
    t.subscription.subscribe(['DU1']);
    t.clock.advance(9_999);
    expect(t.settled()).toBe(0);
    t.clock.advance(1);
    expect([t.subscription.isSettled, t.settled()]).toEqual([true, 1]);
    expect(t.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'the portfolio feed did not finish its download in time; going on without waiting',
    ]);
    t.subscription.downloadEnd('DU1');
    expect(t.settled()).toBe(1);
  });

  it('waits for the account list when TWS has not sent it yet', () => {
    const t = setup('DU2');
    t.subscription.subscribe(undefined);
    expect(t.sent.accountUpdates).toEqual([]);
    t.subscription.accountsListed(['DU1', 'DU2']);
    expect(t.sent.accountUpdates).toEqual(['DU2']);
  });

  it('refuses an account the login does not manage: one error line per run, nothing subscribed', () => {
    const t = setup('U999');
    t.subscription.subscribe(['DU1']);
    t.subscription.subscribe(['DU1']);
    expect(t.sent.accountUpdates).toEqual([]);
    expect(t.settled()).toBe(2);
    expect(t.lines.filter((l) => l.level === 'error')).toHaveLength(1);
  });

  it('stops waiting when the session ends', () => {
    const t = setup();
    t.subscription.subscribe(['DU1']);
    t.subscription.end();
    expect(t.clock.pendingCount).toBe(0);
    expect(t.subscription.downloading).toBe(false);
  });
});
