// gRPC-Web and Connect through the one call path (call.start → plan → session), against a real
// connect-node server (connectNodeAdapter over http2 and http/1.1) in front of the demo server:
// every call kind each protocol and HTTP version allows logs the same events as gRPC does (headers,
// messages, trailers, status with decoded details), and what they do not allow is refused, in
// words, before anything is sent.
import { describe, expect, it } from 'vitest';
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { Protocol } from '../../shared/request/connection.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { callEventsOf, demoRequest } from '../engine/engine.testkit.js';
import { kindRefusal } from './index.js';
import { useProtocolEngineKit } from './protocol-suite.testkit.js';

const shared = useProtocolEngineKit();

interface Case {
  name: string;
  server: () => string;
  protocol: Protocol;
}

const CASES: Case[] = [
  {
    name: 'gRPC (connect-node server)',
    server: () => shared.servers.http2,
    protocol: { kind: 'grpc' },
  },
  {
    name: 'Connect binary, HTTP/2',
    server: () => shared.servers.http2,
    protocol: { kind: 'connect' },
  },
  {
    name: 'Connect JSON, HTTP/2',
    server: () => shared.servers.http2,
    protocol: { kind: 'connect', codec: 'json' },
  },
  {
    name: 'Connect binary, HTTP/1.1',
    server: () => shared.servers.http1,
    protocol: { kind: 'connect', httpVersion: '1.1' },
  },
  {
    name: 'Connect JSON, HTTP/1.1',
    server: () => shared.servers.http1,
    protocol: { kind: 'connect', codec: 'json', httpVersion: '1.1' },
  },
  { name: 'gRPC-Web, HTTP/2', server: () => shared.servers.http2, protocol: { kind: 'grpcweb' } },
  {
    name: 'gRPC-Web, HTTP/1.1',
    server: () => shared.servers.http1,
    protocol: { kind: 'grpcweb', httpVersion: '1.1' },
  },
  {
    name: 'gRPC-Web text, HTTP/2',
    server: () => shared.servers.http2,
    protocol: { kind: 'grpcweb', encoding: 'text' },
  },
  {
    name: 'gRPC-Web text, HTTP/1.1',
    server: () => shared.servers.http1,
    protocol: { kind: 'grpcweb', encoding: 'text', httpVersion: '1.1' },
  },
];

type Kind = 'unary' | 'server_stream' | 'client_stream' | 'bidi_stream';

const CALLS: Record<Kind, { method: string; messages: JsonValue[] }> = {
  unary: { method: '/example.UserService/GetUser', messages: [{ id: '1' }] },
  server_stream: {
    method: '/example.LogService/Tail',
    messages: [{ source: 'app', lines: 3, interval_ms: 1 }],
  },
  client_stream: {
    method: '/example.BatchService/Upload',
    messages: [
      { key: 'a', text: 'x' },
      { key: 'b', number: 2 },
    ],
  },
  bidi_stream: {
    method: '/example.ChatService/Chat',
    messages: [
      { sender: 'ada', content: 'hi' },
      { sender: 'ada', content: 'bye' },
    ],
  },
};

const ECHO = [{ key: 'x-echo-team', value: 'blue' }];

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

function request(address: string, kind: Kind, protocol?: Protocol): RequestDocument {
  const { method, messages } = CALLS[kind];
  const doc = demoRequest(address, method, messages, {
    metadata: ECHO.map((e) => ({ ...e, enabled: true })),
  });
  if (protocol) doc.connection = { ...doc.connection, protocol };
  return doc;
}

const run = (doc: RequestDocument): Promise<CallEvent[]> => shared.run(doc, { halfClose: true });

/** What must be the same on every protocol: HTTP's own headers (date, content-type) aside. */
function essence(log: CallEvent[]): unknown[] {
  const out: unknown[] = [];
  for (const e of log) {
    if (e.type === 'headers' || e.type === 'trailers') {
      const metadata = e.metadata.filter((m) => m.key !== 'date' && m.key !== 'content-type');
      if (metadata.length > 0) out.push({ type: e.type, metadata });
    } else if (e.type === 'sent' || e.type === 'received')
      // A line's size follows its time's nanos; every other message's size must match.
      out.push({
        type: e.type,
        message: withoutTime(e.message),
        size: hasTime(e.message) || e.size,
      });
    else if (e.type === 'status') out.push({ type: e.type, status: e.status });
  }
  return out;
}

/** Tail's lines carry the time they were made. */
function withoutTime(message: JsonValue): JsonValue {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return message;
  const { at: _at, ...rest } = message;
  return rest;
}

function hasTime(message: JsonValue): boolean {
  return message !== null && typeof message === 'object' && 'at' in message;
}

/** gRPC to the same connect-node server: the reference every other protocol must match. */
const overGrpc = (): string => shared.servers.http2;

describe.each(CASES)('$name', ({ server, protocol }) => {
  for (const kind of Object.keys(CALLS) as Kind[]) {
    const refusal = kindRefusal(protocol, kind);
    if (refusal) {
      it(`refuses a ${kind} call before sending, saying why`, async () => {
        const reply = await shared.kit.router.invoke('call.start', {
          schemaId: shared.schemaId,
          request: request(server(), kind, protocol),
        });
        expect(reply).toMatchObject({ t: 'error', code: 'invalid_input' });
        const message = (reply as { message: string }).message;
        expect(message).toContain('connection.protocol:');
        expect(message).toContain(refusal);
        expect(message).toContain('nothing was sent');
      });
      continue;
    }
    it(`logs a ${kind} call as gRPC does, metadata echoed`, async () => {
      const expected = essence(await run(request(overGrpc(), kind)));
      const got = await run(request(server(), kind, protocol));
      expect(essence(got)).toEqual(expected);
      expect(got.find((e) => e.type === 'headers')).toMatchObject({
        metadata: expect.arrayContaining([{ key: 'x-echo-team', value: 'blue' }]),
      });
      expect(got.at(-2)).toMatchObject({ type: 'status', status: { codeName: 'OK' } });
    });
  }

  it('a failed call carries the same status and decoded details as on gRPC', async () => {
    const failing = (address: string, p?: Protocol) => {
      const doc = demoRequest(address, '/example.UserService/GetUser', [{ id: '' }]);
      if (p) doc.connection = { ...doc.connection, protocol: p };
      return doc;
    };
    const expected = await run(failing(overGrpc()));
    const got = await run(failing(server(), protocol));
    const status = (log: CallEvent[]) => log.find((e) => e.type === 'status');
    expect(status(expected)).toMatchObject({
      status: { codeName: 'INVALID_ARGUMENT', details: [{ type: 'google.rpc.BadRequest' }] },
    });
    expect((status(got) as { status: unknown }).status).toEqual(
      (status(expected) as { status: unknown }).status,
    );
  });

  it('a call past its deadline ends DEADLINE_EXCEEDED, said as on gRPC', async () => {
    const doc = demoRequest(server(), '/example.LogService/Tail', [
      { source: 'app', lines: 0, interval_ms: 50 },
    ]);
    doc.connection = { ...doc.connection, protocol };
    doc.deadlineMs = 300;
    const log = await run(doc);
    expect(log.filter((e) => e.type === 'received').length).toBeGreaterThan(0);
    expect(log.find((e) => e.type === 'status')).toMatchObject({
      status: { codeName: 'DEADLINE_EXCEEDED', message: 'Deadline exceeded', failure: 'deadline' },
    });
  });

  it('a cancelled stream ends CANCELLED at once', async () => {
    const doc = demoRequest(server(), '/example.LogService/Tail', [
      { source: 'app', lines: 0, interval_ms: 20 },
    ]);
    doc.connection = { ...doc.connection, protocol };
    const { callId } = await shared.kit.call('call.start', {
      schemaId: shared.schemaId,
      request: doc,
    });
    await shared.kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'received'),
    );
    await shared.kit.call('call.cancel', { callId });
    await shared.kit.waitForEvent('call.events', ended(callId));
    expect(callEventsOf(shared.kit.events, callId).find((e) => e.type === 'status')).toMatchObject({
      status: { codeName: 'CANCELLED', message: 'Cancelled by the client' },
    });
  });

  it('a server that is not there is unreachable, said as on gRPC', async () => {
    const doc = demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{ id: '1' }]);
    doc.connection = { ...doc.connection, protocol };
    const log = await run(doc);
    expect(log.find((e) => e.type === 'status')).toMatchObject({
      status: {
        codeName: 'UNAVAILABLE',
        message: 'failed to connect to 127.0.0.1:1: connection refused',
        failure: 'unreachable',
      },
    });
  });
});

describe('settings a protocol cannot honour', () => {
  const refused = async (doc: RequestDocument, field: string, words: string) => {
    const reply = await shared.kit.router.invoke('call.start', {
      schemaId: shared.schemaId,
      request: doc,
    });
    expect(reply).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect((reply as { message: string }).message).toContain(`${field}: `);
    expect((reply as { message: string }).message).toContain(words);
  };

  it('a unix socket: connect-node needs host:port', async () => {
    const doc = request('/tmp/x.sock', 'unary', { kind: 'connect' });
    doc.connection.unix = true;
    await refused(doc, 'connection.address', 'needs host:port');
  });
});
