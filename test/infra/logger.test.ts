import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger.js';

const at = () => new Date('2026-11-25T15:00:00.123Z');

describe('logger', () => {
  it('writes one JSON object per line with bindings, fields, errors and codes', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), now: at }).child({ component: 'ib' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7497'), { code: 502 });
    log.warn('broker refused the connection', { error: refused, port: 7497 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-11-25T15:00:00.123Z',
      level: 'warn',
      msg: 'broker refused the connection',
      component: 'ib',
      error: { message: 'connect ECONNREFUSED 127.0.0.1:7497', code: 502 },
      port: 7497,
    });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), level: 'warn', now: at });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['warn', 'error']);
  });

  it('writes readable lines for a terminal', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l), pretty: true, now: at }).info('run finished', {
      summary: 'Broker: 12, Store: 11',
      runId: 'r1',
    });
    expect(lines).toEqual(['15:00:00.123 INFO  run finished  summary="Broker: 12, Store: 11" runId=r1\n']);
  });
});

describe('logger and error causes', () => {
  it("logs an error's cause, where a safe message keeps the original", () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l), now: at });
    const safe = new Error('no space left on the disk that holds the store', {
      cause: new Error('Could not write file "/data/positions.duckdb.wal": No space left on device'),
    });
    log.error('reconciliation failed', { error: safe });
    expect(JSON.parse(lines[0] ?? '{}').error).toEqual({
      message: 'no space left on the disk that holds the store',
      cause: 'Could not write file "/data/positions.duckdb.wal": No space left on device',
    });
  });
});
