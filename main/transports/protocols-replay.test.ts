// Replay over gRPC-Web and Connect (issue 16 §4): a recording replays over the protocol it was
// recorded with when no connection is given (its started event names it), or over the one chosen;
// and the same recording replayed across protocols compares equal with the recording diff.
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../shared/request/connection.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { protocolFromName } from './protocol-names.js';
import { protocolName } from '../../shared/request/protocol-kinds.js';
import { recordedCall, useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();

const UPLOAD = '/example.BatchService/Upload';
const GET_USER = '/example.UserService/GetUser';
const IGNORE = ['headers.content-type'];

const recorded = (
  address: string,
  method: string,
  messages: object[],
  protocol?: Protocol,
): Promise<string> =>
  recordedCall(shared, { address, method, messages, ...(protocol ? { protocol } : {}) });

const uploads = [
  { key: 'a', text: 'x' },
  { key: 'b', number: 2 },
];

describe('a replay with no connection of its own', () => {
  it.each([
    ['Connect JSON over HTTP/1.1', { kind: 'connect', codec: 'json', httpVersion: '1.1' }],
    ['gRPC-Web text over HTTP/1.1', { kind: 'grpcweb', encoding: 'text', httpVersion: '1.1' }],
  ] as [string, Protocol][])(
    'goes over the protocol it was recorded with (%s)',
    async (_name, protocol) => {
      const method = protocol.kind === 'grpcweb' ? GET_USER : UPLOAD;
      const messages = protocol.kind === 'grpcweb' ? [{ id: '1' }] : uploads;
      const id = await recorded(shared.servers.http1, method, messages, protocol);
      const seen = shared.servers.gateways.http1.requests;
      seen.length = 0;
      const { diff } = await shared.kit.call('recording.replay', { id, speed: 'max', ignore: [] });
      expect(diff.identical).toBe(true);
      // An HTTP/1.1 server: over gRPC the replay could not have reached it at all.
      expect(seen[0]?.contentType).toBe(
        protocol.kind === 'grpcweb'
          ? 'application/grpc-web-text+proto'
          : 'application/connect+json',
      );
    },
  );
});

describe('the same recording replayed across protocols', () => {
  it.each([
    ['Connect binary', { kind: 'connect' }, servers_h2],
    ['Connect JSON', { kind: 'connect', codec: 'json' }, servers_h2],
    ['Connect binary over HTTP/1.1', { kind: 'connect', httpVersion: '1.1' }, servers_h1],
  ] as [string, Protocol, () => string][])(
    'a gRPC recording replayed over %s compares equal',
    async (_name, protocol, address) => {
      const id = await recorded(shared.servers.http2, UPLOAD, uploads);
      const connection = { ...demoRequest(address(), UPLOAD).connection, protocol };
      const gateway =
        address() === shared.servers.http2
          ? shared.servers.gateways.http2
          : shared.servers.gateways.http1;
      gateway.requests.length = 0;
      const { diff } = await shared.kit.call('recording.replay', {
        id,
        connection,
        speed: 'max',
        ignore: IGNORE,
      });
      // It went over the chosen protocol (the HTTP/2 server answers gRPC too).
      expect(gateway.requests[0]?.contentType).toMatch(/^application\/connect\+(proto|json)$/);
      expect(diff.identical).toBe(true);
      expect(diff.client.matching).toBe(2);
      expect(diff.server.matching).toBe(1);
    },
  );

  it('a gRPC-Web recording replayed over gRPC compares equal', async () => {
    const id = await recorded(shared.servers.http2, GET_USER, [{ id: '1' }], { kind: 'grpcweb' });
    const connection = { ...demoRequest(shared.servers.http2, GET_USER).connection };
    const { diff } = await shared.kit.call('recording.replay', {
      id,
      connection,
      speed: 'max',
      ignore: IGNORE,
    });
    expect(diff.identical).toBe(true);
  });
});

it('every protocol setting is read back from the name its started event gives it', () => {
  const settings: Protocol[] = [
    { kind: 'grpcweb' },
    { kind: 'grpcweb', encoding: 'text', httpVersion: '1.1' },
    { kind: 'connect', codec: 'json' },
    { kind: 'connect', httpVersion: '1.1' },
  ];
  for (const setting of settings) expect(protocolFromName(protocolName(setting))).toEqual(setting);
  expect(protocolFromName(undefined)).toBeUndefined();
});

function servers_h2(): string {
  return shared.servers.http2;
}

function servers_h1(): string {
  return shared.servers.http1;
}
