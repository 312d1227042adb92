// Every interop case of PRODUCT.md through the engine's call sessions, against a real grpc-js server.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent, JsonValue } from '../../shared/calls/events.js';
import type { CallKind } from '../../shared/schema/model.js';
import { startCall, type CallOptions, type CallSession } from '../../main/calls/index.js';
import { testCodec } from './codec.js';
import { ECHO_INITIAL, ECHO_TRAILING, startInteropServer, type InteropServer } from './server.js';

let server: InteropServer;
let client: grpc.Client;

beforeAll(async () => {
  server = await startInteropServer();
  client = new grpc.Client(server.address, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  await server.close();
});

const METHODS: Record<string, [CallKind, string, string]> = {
  EmptyCall: ['unary', 'Empty', 'Empty'],
  UnaryCall: ['unary', 'SimpleRequest', 'SimpleResponse'],
  StreamingOutputCall: [
    'server_stream',
    'StreamingOutputCallRequest',
    'StreamingOutputCallResponse',
  ],
  StreamingInputCall: ['client_stream', 'StreamingInputCallRequest', 'StreamingInputCallResponse'],
  FullDuplexCall: ['bidi_stream', 'StreamingOutputCallRequest', 'StreamingOutputCallResponse'],
  UnimplementedCall: ['unary', 'Empty', 'Empty'],
};

function call(
  method: string,
  extra: Partial<CallOptions> = {},
  service = 'grpc.testing.TestService',
): CallSession {
  const [kind, input, output] = METHODS[method]!;
  return startCall({
    client,
    path: `/${service}/${method}`,
    kind,
    target: server.address,
    requestCodec: testCodec(`grpc.testing.${input}`),
    responseCodec: testCodec(`grpc.testing.${output}`),
    ...extra,
  });
}

const body = (size: number): string => Buffer.alloc(size).toString('base64');
const received = (events: readonly CallEvent[]) => events.filter((e) => e.type === 'received');
const types = (events: readonly CallEvent[]) => events.map((e) => e.type);

function expectWellFormed(events: readonly CallEvent[]): void {
  events.forEach((event, index) => expect(event.seq).toBe(index));
  for (let i = 1; i < events.length; i++)
    expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
  expect(events[0]!.type).toBe('started');
  expect(types(events).filter((t) => t === 'status')).toHaveLength(1);
  expect(types(events).filter((t) => t === 'ended')).toHaveLength(1);
  expect(events.at(-2)!.type).toBe('status');
  expect(events.at(-1)!.type).toBe('ended');
  // The log is what recordings store: it must survive JSON unchanged.
  expect(JSON.parse(JSON.stringify(events))).toEqual(events);
}

describe('gRPC interop cases through call sessions', () => {
  it('empty_unary', async () => {
    const session = call('EmptyCall', { messages: [{}] });
    const status = await session.done;
    expect(status.codeName).toBe('OK');
    expect(types(session.events)).toEqual([
      'started',
      'sent',
      'half_closed',
      'headers',
      'received',
      'status',
      'ended',
    ]);
    const [response] = received(session.events);
    expect(response).toMatchObject({ message: {}, size: 0 });
    expectWellFormed(session.events);
  });

  it('large_unary: 271828-byte request, 314159-byte response', async () => {
    const session = call('UnaryCall', {
      messages: [{ responseSize: 314159, payload: { body: body(271828) } }],
    });
    expect((await session.done).codeName).toBe('OK');
    const sent = session.events.find((e) => e.type === 'sent');
    expect(sent && sent.type === 'sent' && sent.size).toBeGreaterThan(271828);
    const [response] = received(session.events);
    const message = response?.message as { payload: { body: string } };
    expect(Buffer.from(message.payload.body, 'base64').length).toBe(314159);
    expect(response?.size).toBeGreaterThan(314159);
    expectWellFormed(session.events);
  });

  it('client_streaming: 27182, 8, 1828, 45904 → 74922', async () => {
    const session = call('StreamingInputCall');
    for (const size of [27182, 8, 1828, 45904]) session.send({ payload: { body: body(size) } });
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    expect(received(session.events).map((e) => e.message)).toEqual([
      { aggregatedPayloadSize: 74922 },
    ]);
    expect(types(session.events).filter((t) => t === 'sent')).toHaveLength(4);
    expectWellFormed(session.events);
  });

  it('server_streaming: 31415, 9, 2653, 58979', async () => {
    const sizes = [31415, 9, 2653, 58979];
    const session = call('StreamingOutputCall', {
      messages: [{ responseParameters: sizes.map((size) => ({ size })) }],
    });
    expect((await session.done).codeName).toBe('OK');
    const lengths = received(session.events).map(
      (e) =>
        Buffer.from((e.message as { payload: { body: string } }).payload.body, 'base64').length,
    );
    expect(lengths).toEqual(sizes);
    expectWellFormed(session.events);
  });

  it('ping_pong: each request answered before the next is sent', async () => {
    const requests = [27182, 8, 1828, 45904];
    const responses = [31415, 9, 2653, 58979];
    let waiting: (() => void) | undefined;
    const session = call('FullDuplexCall', {
      onEvent: (e) => e.type === 'received' && waiting?.(),
    });
    for (let i = 0; i < requests.length; i++) {
      const answered = new Promise<void>((resolve) => (waiting = resolve));
      session.send({
        responseParameters: [{ size: responses[i]! }],
        payload: { body: body(requests[i]!) },
      });
      await answered;
    }
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    const flow = types(session.events).filter((t) => t === 'sent' || t === 'received');
    expect(flow).toEqual([
      'sent',
      'received',
      'sent',
      'received',
      'sent',
      'received',
      'sent',
      'received',
    ]);
    expectWellFormed(session.events);
  });

  it('empty_stream', async () => {
    const session = call('FullDuplexCall');
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    expect(received(session.events)).toHaveLength(0);
    expectWellFormed(session.events);
  });

  it('timeout_on_sleeping_server → DEADLINE_EXCEEDED', async () => {
    const session = call('FullDuplexCall', { deadlineMs: 1 });
    session.send({
      responseParameters: [{ size: 31415, intervalUs: 5_000_000 }],
      payload: { body: body(27182) },
    });
    const status = await session.done;
    expect(status.codeName).toBe('DEADLINE_EXCEEDED');
    expect(session.events.at(-1)).toMatchObject({ type: 'ended' });
    expectWellFormed(session.events);
  });

  it('cancel_after_begin → CANCELLED', async () => {
    const session = call('StreamingInputCall');
    session.cancel();
    expect((await session.done).codeName).toBe('CANCELLED');
    expectWellFormed(session.events);
  });

  it('cancel_after_first_response → CANCELLED', async () => {
    let session: CallSession | undefined = undefined;
    session = call('FullDuplexCall', {
      onEvent: (e) => e.type === 'received' && session?.cancel(),
    });
    session.send({ responseParameters: [{ size: 31415 }], payload: { body: body(27182) } });
    expect((await session.done).codeName).toBe('CANCELLED');
    expect(received(session.events)).toHaveLength(1);
    expectWellFormed(session.events);
  });

  it('custom_metadata: initial metadata and a -bin trailer echoed (unary and bidi)', async () => {
    const metadata = [
      { key: ECHO_INITIAL, value: 'test_initial_metadata_value' },
      { key: ECHO_TRAILING, value: Buffer.from([0xab, 0xab, 0xab]).toString('base64') },
    ];
    const unary = call('UnaryCall', {
      metadata,
      messages: [{ responseSize: 314159, payload: { body: body(271828) } }],
    });
    const bidi = call('FullDuplexCall', { metadata });
    bidi.send({ responseParameters: [{ size: 314159 }], payload: { body: body(271828) } });
    bidi.halfClose();
    for (const session of [unary, bidi]) {
      expect((await session.done).codeName).toBe('OK');
      const headers = session.events.find((e) => e.type === 'headers');
      const trailers = session.events.find((e) => e.type === 'trailers');
      expect(headers && headers.type === 'headers' && headers.metadata).toContainEqual({
        key: ECHO_INITIAL,
        value: 'test_initial_metadata_value',
      });
      expect(trailers && trailers.type === 'trailers' && trailers.metadata).toContainEqual({
        key: ECHO_TRAILING,
        value: 'q6ur',
      });
      expect(session.events[0]).toMatchObject({ type: 'started', metadata });
      expectWellFormed(session.events);
    }
  });

  it('status_code_and_message (unary and bidi)', async () => {
    const responseStatus = { code: 2, message: 'test status message' };
    const unary = call('UnaryCall', { messages: [{ responseStatus }] });
    const bidi = call('FullDuplexCall');
    bidi.send({ responseStatus });
    bidi.halfClose();
    for (const session of [unary, bidi]) {
      expect(await session.done).toEqual({
        code: 2,
        codeName: 'UNKNOWN',
        message: 'test status message',
        details: [],
      });
      expectWellFormed(session.events);
    }
  });

  it('special_status_message round-trips exactly', async () => {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n';
    const session = call('UnaryCall', { messages: [{ responseStatus: { code: 2, message } }] });
    const status = await session.done;
    expect(status.code).toBe(2);
    expect(status.message).toBe(message);
  });

  it('unimplemented_method → UNIMPLEMENTED', async () => {
    const session = call('UnimplementedCall', { messages: [{}] });
    expect((await session.done).codeName).toBe('UNIMPLEMENTED');
    expectWellFormed(session.events);
  });

  it('unimplemented_service → UNIMPLEMENTED', async () => {
    const session = call(
      'UnimplementedCall',
      { messages: [{}] },
      'grpc.testing.UnimplementedService',
    );
    expect((await session.done).codeName).toBe('UNIMPLEMENTED');
    expectWellFormed(session.events);
  });

  it('a unary call given its request by send() instead of options', async () => {
    const session = call('EmptyCall');
    session.send({} as JsonValue);
    expect(() => session.send({})).toThrow(/half-closed/);
    expect((await session.done).codeName).toBe('OK');
  });
});

describe('session details', () => {
  it('a stream given messages sends them first and stays open', async () => {
    const session = call('StreamingInputCall', { messages: [{ payload: { body: body(3) } }] });
    session.send({ payload: { body: body(4) } });
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    expect(received(session.events).map((e) => e.message)).toEqual([{ aggregatedPayloadSize: 7 }]);
  });

  it('a client stream given several messages and halfClose sends them all in order, then closes', async () => {
    const sizes = [27182, 8, 1828, 45904];
    const session = call('StreamingInputCall', {
      messages: sizes.map((size) => ({ payload: { body: body(size) } })),
      halfClose: true,
    });
    expect((await session.done).codeName).toBe('OK');
    expect(received(session.events).map((e) => e.message)).toEqual([
      { aggregatedPayloadSize: 74922 },
    ]);
    const sent = session.events.filter((e) => e.type === 'sent');
    const encode = testCodec('grpc.testing.StreamingInputCallRequest').encode;
    expect(sent.map((e) => (e.type === 'sent' ? e.size : 0))).toEqual(
      sizes.map((size) => encode({ payload: { body: body(size) } }).length),
    );
    expect(types(session.events).indexOf('half_closed')).toBe(1 + sizes.length);
    expectWellFormed(session.events);
  });

  it('cancel(reason) ends the call with CANCELLED and that reason', async () => {
    const session = call('FullDuplexCall');
    session.cancel('no page of the web host has been attached for 30 s');
    const status = await session.done;
    expect(status).toMatchObject({
      codeName: 'CANCELLED',
      message: 'no page of the web host has been attached for 30 s',
    });
  });

  it('hands observers the encoded bytes of every message without keeping them in the log', async () => {
    const bytes: number[] = [];
    const session = call('UnaryCall', {
      messages: [{ responseSize: 3 }],
      onEvent: (event, raw) => {
        if (event.type === 'sent' || event.type === 'received') {
          expect(raw?.length).toBe(event.size);
          bytes.push(raw?.length ?? -1);
        } else expect(raw).toBeUndefined();
      },
    });
    expect((await session.done).codeName).toBe('OK');
    expect(bytes).toHaveLength(2);
    for (const e of session.events) expect((e as { raw?: string }).raw).toBeUndefined();
  });

  it('sendRaw sends encoded bytes, numbered by the session and logged by the sender, paced by written', async () => {
    const logged: CallEvent[] = [];
    const lines: [number, number][] = [];
    const session = call('StreamingInputCall', {
      keepLog: false,
      onEvent: (e) => logged.push(e),
    });
    const encode = testCodec('grpc.testing.StreamingInputCallRequest').encode;
    const messages = [3, 4, 5].map((size) => encode({ payload: { body: body(size) } }));
    await new Promise<void>((resolve) => {
      const next = (i: number): void => {
        if (i === messages.length) return resolve();
        session.sendRaw(messages[i]!, {
          log: (seq, t) => lines.push([seq, t]),
          written: () => next(i + 1),
        });
      };
      next(0);
    });
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    expect(session.events).toEqual([]);
    expect(lines.map(([seq]) => seq)).toEqual([1, 2, 3]);
    expect(logged.map((e) => e.seq)).toEqual([0, 4, 5, 6, 7, 8]);
    expect(logged.find((e) => e.type === 'received')).toMatchObject({
      message: { aggregatedPayloadSize: 12 },
    });
  });

  it('sendRaw is refused on a session that keeps its log (its messages would be missing there)', async () => {
    const session = call('StreamingInputCall');
    expect(() => session.sendRaw(new Uint8Array(0), { log: () => undefined })).toThrow(
      /keepLog: false/,
    );
    session.cancel();
    await session.done;
  });

  it('an onEvent that throws does not break the call', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const session = call('EmptyCall', {
        messages: [{}],
        onEvent: (e) => {
          if (e.type === 'received') throw new Error('observer bug');
        },
      });
      expect((await session.done).codeName).toBe('OK');
      await expect
        .poll(() => warnings.join())
        .toMatch(/onEvent threw on a received event: observer bug/);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('sending after the end, or half-closing a unary call without its request, is a clear error', async () => {
    const unary = call('EmptyCall');
    expect(() => unary.halfClose()).toThrow(/needs its request/);
    unary.cancel();
    await unary.done;
    expect(() => unary.send({})).toThrow(/the call has ended/);
    const last = unary.events.length;
    unary.cancel();
    unary.halfClose();
    expect(unary.events).toHaveLength(last);
  });
});

describe('volume', () => {
  it('a server stream of 20,000 messages arrives complete and in order', async () => {
    const count = 20_000;
    const sizes = Array.from({ length: count }, (_, i) => i % 7);
    const session = call('StreamingOutputCall', {
      messages: [{ responseParameters: sizes.map((size) => ({ size })) }],
    });
    expect((await session.done).codeName).toBe('OK');
    const got = received(session.events);
    expect(got).toHaveLength(count);
    // Encoded size = 4 bytes of framing (the server writes even an empty body) + body length,
    // so the sizes prove the order.
    expect(got.slice(0, 8).map((e) => e.size)).toEqual([4, 5, 6, 7, 8, 9, 10, 4]);
    expect(got.every((e, i) => e.size === 4 + (i % 7))).toBe(true);
    expectWellFormed(session.events);
  });
});
