// The connection's user agent on gRPC-Web and Connect, as on gRPC: grpc-js sends
// `<userAgent> grpc-node-js/<version>`; connect-node sends `<userAgent> connect-es/<version>`
// (User-Agent, and gRPC-Web's X-User-Agent too). They sent connect-es's alone. What the
// connect-node gateway in front of the demo server received, over HTTP/2 and HTTP/1.1.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { demoRequest } from '../engine/engine.testkit.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();

function getUser(address: string, protocol: Protocol, userAgent?: string): RequestDocument {
  const doc = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  doc.connection = {
    ...doc.connection,
    protocol,
    ...(userAgent !== undefined ? { userAgent } : {}),
  };
  return doc;
}

function statusOf(events: CallEvent[]) {
  const found = events.find((e) => e.type === 'status');
  if (found?.type !== 'status') throw new Error('no status');
  return found.status;
}

const CONNECT_ES = String.raw`connect-es/\d+\.\d+\.\d+`;

describe.each([
  { name: 'HTTP/2', httpVersion: '2' as const, server: 'http2' as const },
  { name: 'HTTP/1.1', httpVersion: '1.1' as const, server: 'http1' as const },
])('over $name', ({ httpVersion, server }) => {
  const seenDuring = async (doc: RequestDocument) => {
    const seen = shared.servers.gateways[server].requests;
    seen.length = 0;
    expect(statusOf(await shared.run(doc))).toMatchObject({ codeName: 'OK' });
    // Each different pair once: the grpc-web-text front logs a request again as it passes it on.
    const pairs = new Set(
      seen.map(({ userAgent, xUserAgent }) => JSON.stringify({ userAgent, xUserAgent })),
    );
    return [...pairs].map((pair) => JSON.parse(pair) as { userAgent: string; xUserAgent: string });
  };

  it('Connect: User-Agent is the connection’s, then connect-es’s own', async () => {
    const address = shared.servers[server];
    const seen = await seenDuring(getUser(address, { kind: 'connect', httpVersion }, 'my tool/2'));
    expect(seen).toEqual([
      { userAgent: expect.stringMatching(new RegExp(`^my tool/2 ${CONNECT_ES}$`)), xUserAgent: '' },
    ]);
  });

  it.each(['binary', 'text'] as const)(
    'gRPC-Web (%s): User-Agent and X-User-Agent alike',
    async (encoding) => {
      const address = shared.servers[server];
      const protocol: Protocol = { kind: 'grpcweb', httpVersion, encoding };
      const seen = await seenDuring(getUser(address, protocol, 'my tool/2'));
      const sent = expect.stringMatching(new RegExp(`^my tool/2 ${CONNECT_ES}$`));
      expect(seen).toEqual([{ userAgent: sent, xUserAgent: sent }]);
    },
  );

  it('without one, connect-es’s own alone', async () => {
    const address = shared.servers[server];
    const seen = await seenDuring(getUser(address, { kind: 'grpcweb', httpVersion }));
    const own = expect.stringMatching(new RegExp(`^${CONNECT_ES}$`));
    expect(seen).toEqual([{ userAgent: own, xUserAgent: own }]);
  });
});
