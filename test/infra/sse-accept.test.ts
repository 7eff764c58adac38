import { describe, expect, it } from 'vitest';
import { acceptsEventStream } from '../../src/infra/http/sse-subscriptions.js';

describe('which subscriptions are answered with SSE (as yoga chooses)', () => {
  it.each([
    ['text/event-stream', true],
    ['application/json, text/event-stream', true],
    ['text/event-stream; charset=utf-8', true],
    ['TEXT/EVENT-STREAM', true],
    ['text/*', true],
    ['*/*', true],
    [null, true], // no header: any type
    ['', true],
    ['application/json', false],
    ['application/graphql-response+json, application/json, multipart/mixed', false],
    ['text/html', false],
    ['text/event-stream; charset=latin1', false], // only UTF-8 is served
  ])('accept %j: %s', (accept, expected) => {
    expect(acceptsEventStream(accept)).toBe(expected);
  });
});
