// The same call recorded over gRPC and over Connect (and gRPC-Web) compares equal with the
// recording diff: messages, trailers, status and its details. Only the content type differs,
// which names the protocol itself (grpc-js shows it among the headers; the others leave it out).
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../shared/request/connection.js';
import { recordedCall, useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();

const METHOD = '/example.BatchService/Upload';

const recorded = (protocol: Protocol, messages: object[]): Promise<string> =>
  recordedCall(shared, { address: shared.servers.http2, method: METHOD, messages, protocol });

describe('recordings across protocols', () => {
  const messages = [
    { key: 'a', text: 'x' },
    { key: 'b', number: 2 },
  ];

  it.each([
    ['Connect binary', { kind: 'connect' }],
    ['Connect JSON', { kind: 'connect', codec: 'json' }],
  ] as [string, Protocol][])('gRPC and %s record the same call', async (_name, protocol) => {
    const a = await recorded({ kind: 'grpc' }, messages);
    const b = await recorded(protocol, messages);
    const { diff } = await shared.kit.call('recording.diff', {
      a,
      b,
      ignore: ['headers.content-type'],
    });
    expect(diff.identical).toBe(true);
    expect(diff.client.matching).toBe(2);
    expect(diff.server.matching).toBe(1);
  });

  it('a different call over Connect does not compare equal (the diff sees through protocols)', async () => {
    const a = await recorded({ kind: 'grpc' }, messages);
    const b = await recorded({ kind: 'connect' }, [{ key: 'a', text: 'y' }, messages[1]!]);
    const { diff } = await shared.kit.call('recording.diff', {
      a,
      b,
      ignore: ['headers.content-type'],
    });
    expect(diff.identical).toBe(false);
  });
});
