// The fault matrix: every call reaches one final status within deadline + 1 s however the server
// misbehaves. Real servers only: a bare node:http2 server for wire-level faults, grpc-js otherwise.
import * as grpc from '@grpc/grpc-js';
import http2 from 'node:http2';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';
import { testCodec } from '../../test/interop/codec.js';
import {
  frame,
  OK_HEADERS,
  startRawH2Server,
  type RawH2Server,
} from '../../test/interop/raw-h2-server.js';
import { interopServiceDefinition } from '../../test/interop/server.js';
import { startCall, WATCHDOG_GRACE_MS, type CallSession } from './index.js';

const DEADLINE = 800;
const http2Constants = http2.constants;
const payload = testCodec('grpc.testing.SimpleResponse').encode({ payload: { body: 'AAAA' } });

let raw: RawH2Server;
const clients: grpc.Client[] = [];

beforeAll(async () => {
  raw = await startRawH2Server({
    '/t.S/TwoResponses': (stream) => {
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.write(frame(payload));
      stream.write(frame(payload));
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    },
    '/t.S/TwoResponsesNoEnd': (stream) => {
      stream.respond(OK_HEADERS);
      stream.write(frame(payload));
      stream.write(frame(payload));
    },
    '/t.S/BadStatus': (stream) => {
      stream.respond(
        { ...OK_HEADERS, 'grpc-status': 'abc', 'grpc-message': 'weird' },
        { endStream: true },
      );
    },
    '/t.S/BadStatusInTrailers': (stream) => {
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.write(frame(payload));
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': 'abc' }));
      stream.end();
    },
    '/t.S/RstStream': (stream) => {
      stream.respond(OK_HEADERS);
      stream.write(frame(payload), () => stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR));
    },
    '/t.S/GoAway': (stream, session) => {
      stream.respond(OK_HEADERS);
      stream.write(frame(payload), () => session.goaway(http2Constants.NGHTTP2_INTERNAL_ERROR));
    },
    '/t.S/GoAwayThenClose': (stream, session) => {
      stream.respond(OK_HEADERS);
      stream.write(frame(payload), () => {
        session.goaway(http2Constants.NGHTTP2_NO_ERROR);
        session.destroy();
      });
    },
    '/t.S/Garbage': (stream) => {
      stream.respond(OK_HEADERS);
      stream.write(Buffer.from('this is not a gRPC frame at all, just text\n'));
    },
    '/t.S/GarbageThenEnd': (stream) => {
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.write(Buffer.from('garbage'));
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    },
    '/t.S/TruncatedFrame': (stream) => {
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      // Claims 1000 bytes, carries 3.
      stream.write(Buffer.from([0, 0, 0, 3, 232, 1, 2, 3]));
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    },
    '/t.S/UndecodableMessage': (stream) => {
      stream.respond(OK_HEADERS, { waitForTrailers: true });
      stream.write(frame(Buffer.from([0xff, 0xff, 0xff])));
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    },
    '/t.S/NotGrpc': (stream) => {
      stream.respond({ ':status': 404, 'content-type': 'text/html' });
      stream.end('<h1>not found</h1>');
    },
    '/t.S/Silent': () => undefined,
    '/t.S/KillSocket': (stream) => {
      stream.respond(OK_HEADERS);
      stream.write(frame(payload), () => raw.killConnections());
    },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  clients.length = 0;
  await raw.close();
});

function rawCall(
  method: string,
  kind: CallKind = 'unary',
  deadlineMs: number | null = DEADLINE,
): CallSession {
  const client = new grpc.Client(raw.address, grpc.credentials.createInsecure());
  clients.push(client);
  return startCall({
    client,
    path: `/t.S/${method}`,
    kind,
    target: raw.address,
    requestCodec: testCodec('grpc.testing.Empty'),
    responseCodec: testCodec('grpc.testing.SimpleResponse'),
    messages: [{}],
    ...(deadlineMs !== null ? { deadlineMs } : {}),
  });
}

async function ended(session: CallSession): Promise<{ events: readonly CallEvent[]; ms: number }> {
  const start = performance.now();
  await session.done;
  const ms = performance.now() - start;
  const { events } = session;
  expect(events.filter((e) => e.type === 'status')).toHaveLength(1);
  expect(events.filter((e) => e.type === 'ended')).toHaveLength(1);
  expect(events.at(-1)!.type).toBe('ended');
  expect(events.at(-2)!.type).toBe('status');
  events.forEach((e, i) => expect(e.seq).toBe(i));
  return { events, ms };
}

describe('fault matrix: one final status within deadline + 1 s', () => {
  // The margin only absorbs timer lateness on a busy machine; the watchdog itself fires at deadline + 1 s.
  const within = DEADLINE + WATCHDOG_GRACE_MS + 500;

  it('a unary call that receives two responses ends at once with INTERNAL', async () => {
    for (const method of ['TwoResponses', 'TwoResponsesNoEnd']) {
      const session = rawCall(method);
      const { ms } = await ended(session);
      expect(await session.done).toMatchObject({
        codeName: 'INTERNAL',
        message: expect.stringMatching(/more than one response/),
      });
      expect(ms).toBeLessThan(DEADLINE);
    }
  });

  it('a non-numeric grpc-status is UNKNOWN with the raw value (trailers-only and in trailers)', async () => {
    const only = rawCall('BadStatus');
    await ended(only);
    expect(await only.done).toMatchObject({ code: 2, codeName: 'UNKNOWN', rawCode: 'abc' });
    const late = rawCall('BadStatusInTrailers', 'server_stream');
    const { events } = await ended(late);
    expect(await late.done).toMatchObject({ code: 2, codeName: 'UNKNOWN', rawCode: 'abc' });
    expect(events.filter((e) => e.type === 'received')).toHaveLength(1);
  });

  it('RST_STREAM mid-stream ends the call with INTERNAL', async () => {
    const session = rawCall('RstStream', 'server_stream');
    const { ms } = await ended(session);
    expect((await session.done).codeName).toBe('INTERNAL');
    expect(ms).toBeLessThan(within);
  });

  it('GOAWAY mid-call ends within the deadline + 1 s', async () => {
    for (const method of ['GoAway', 'GoAwayThenClose']) {
      const session = rawCall(method, 'server_stream');
      const { ms } = await ended(session);
      expect(['UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED']).toContain(
        (await session.done).codeName,
      );
      expect(ms).toBeLessThan(within);
    }
  });

  it('garbage bytes instead of gRPC frames end the call', async () => {
    // Text read as a length prefix claims a huge message: grpc-js refuses it before reading on.
    for (const [method, kind] of [
      ['Garbage', 'server_stream'],
      ['GarbageThenEnd', 'unary'],
      ['GarbageThenEnd', 'server_stream'],
    ] as const) {
      const session = rawCall(method, kind);
      const { ms } = await ended(session);
      expect(await session.done).toMatchObject({
        codeName: 'RESOURCE_EXHAUSTED',
        message: expect.stringMatching(/larger than max/),
      });
      expect(ms).toBeLessThan(within);
    }
    // A frame cut short before the trailers: grpc-js drops the partial frame, so a unary call has
    // no response at all, which the session reports as a protocol violation.
    const truncated = rawCall('TruncatedFrame', 'unary');
    await ended(truncated);
    expect(await truncated.done).toMatchObject({
      codeName: 'INTERNAL',
      message: expect.stringMatching(/sent no response/),
    });
  });

  it('a message that does not decode is logged with decodeError, never lost', async () => {
    const session = rawCall('UndecodableMessage', 'server_stream');
    const { events } = await ended(session);
    const received = events.find((e) => e.type === 'received');
    expect(received).toMatchObject({
      type: 'received',
      message: null,
      size: 3,
      decodeError: expect.any(String),
    });
    expect((await session.done).codeName).toBe('OK');
  });

  it('an HTTP 404 with HTML is UNIMPLEMENTED', async () => {
    const session = rawCall('NotGrpc');
    await ended(session);
    expect((await session.done).codeName).toBe('UNIMPLEMENTED');
  });

  it('a server that never answers ends at the deadline', async () => {
    const session = rawCall('Silent', 'server_stream', 300);
    const { ms } = await ended(session);
    expect((await session.done).codeName).toBe('DEADLINE_EXCEEDED');
    expect(ms).toBeLessThan(300 + WATCHDOG_GRACE_MS + 500);
  });

  it('with no deadline, a call ends when the transport dies', async () => {
    const session = rawCall('KillSocket', 'server_stream', null);
    await ended(session);
    expect((await session.done).codeName).toBe('UNAVAILABLE');
  });
});

describe('a grpc-js server whose handler destroys the call', () => {
  let server: grpc.Server;
  let address: string;
  let client: grpc.Client;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(interopServiceDefinition(), {
      StreamingOutputCall(call: grpc.ServerWritableStream<unknown, unknown>) {
        call.write({ payload: { body: Buffer.alloc(4) } });
        setImmediate(() => call.destroy());
      },
      FullDuplexCall(call: grpc.ServerDuplexStream<unknown, unknown>) {
        call.once('data', () => call.destroy());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    address = `127.0.0.1:${port}`;
    client = new grpc.Client(address, grpc.credentials.createInsecure());
  });

  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  for (const [method, kind] of [
    ['StreamingOutputCall', 'server_stream'],
    ['FullDuplexCall', 'bidi_stream'],
  ] as const) {
    it(`${kind}: ends within deadline + 1 s`, async () => {
      const session = startCall({
        client,
        path: `/grpc.testing.TestService/${method}`,
        kind,
        target: address,
        requestCodec: testCodec('grpc.testing.Empty'),
        responseCodec: testCodec('grpc.testing.StreamingOutputCallResponse'),
        messages: [{}],
        deadlineMs: DEADLINE,
      });
      // Streams take their messages through send(); the handler destroys the call on the first.
      if (kind === 'bidi_stream') session.send({});
      const { ms } = await ended(session);
      expect((await session.done).codeName).not.toBe('OK');
      expect(ms).toBeLessThan(DEADLINE + WATCHDOG_GRACE_MS + 500);
    });
  }
});
