// The timeline's started row says the protocol a call went over, beside the proxy it went through.
import { expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { rowSummary } from './rowText.js';

const started = (extra: Partial<Extract<CallEvent, { type: 'started' }>>): CallEvent => ({
  seq: 0,
  t: 0,
  type: 'started',
  at: 0,
  method: '/example.UserService/GetUser',
  kind: 'unary',
  target: 'localhost:8080',
  metadata: [],
  ...extra,
});

it('says the protocol and the proxy on the started row', () => {
  expect(rowSummary(started({ protocol: 'Connect JSON (HTTP/2)', proxy: 'proxy:3128' }))).toBe(
    '/example.UserService/GetUser → localhost:8080 over Connect JSON (HTTP/2) via proxy proxy:3128',
  );
});

it('says no protocol for a gRPC call', () => {
  expect(rowSummary(started({}))).toBe('/example.UserService/GetUser → localhost:8080');
});
