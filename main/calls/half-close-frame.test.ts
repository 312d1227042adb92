// A call's end of stream rides on its last DATA frame, as grpc-js's own clients send it: a unary
// request (and a client stream's last write) is one frame with END_STREAM set, not a frame and
// then an empty one a loop turn later, which the server waited for before it answered. Seen
// through a TCP tap that keeps the bytes the client sends (read as frames by framesOf).
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { testCodec } from '../../test/interop/codec.js';
import { framesOf, startTap } from '../capture/passive/traffic.testkit.js';
import type { CallKind } from '../../shared/schema/model.js';
import { STREAMING_CHANNEL_OPTIONS } from '../channels/streaming-options.js';
import { startCall } from './index.js';

/** RFC 9113 §6.1. */
const FRAME_DATA = 0;
const FLAG_END_STREAM = 0x1;

const identity = (b: Buffer): Buffer => b;
const request = testCodec('grpc.testing.SimpleRequest');
const response = testCodec('grpc.testing.SimpleResponse');

let server: grpc.Server;
let serverPort: number;
/** The requests each call's server handler got, in order. */
const got: number[][] = [];

const method = (path: string, requestStream: boolean) => ({
  path,
  requestStream,
  responseStream: false,
  requestSerialize: identity,
  requestDeserialize: identity,
  responseSerialize: identity,
  responseDeserialize: identity,
});

const sizeOf = (m: Buffer): number =>
  (request.decode(m) as { responseSize?: number }).responseSize ?? 0;

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(
    {
      Unary: method('/t.S/Unary', false),
      Upload: method('/t.S/Upload', true),
    } as grpc.ServiceDefinition,
    {
      Unary: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        got.push([sizeOf(call.request)]);
        cb(null, Buffer.from(response.encode({ username: 'ok' })));
      },
      Upload: (call: grpc.ServerReadableStream<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        const sizes: number[] = [];
        got.push(sizes);
        call.on('data', (m: Buffer) => sizes.push(sizeOf(m)));
        call.on('end', () => cb(null, Buffer.from(response.encode({ username: 'ok' }))));
      },
    },
  );
  serverPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
});

afterAll(() => {
  server.forceShutdown();
});

/**
 * A call on a connection made ready by a call before it, on a client and a tap of its own (one
 * connection: its bytes alone in the tap, read from the client's preface on). A call made while its connection is still being made
 * hands its message and its half-close over together anyway: only a ready one shows the turn.
 */
async function call(kind: CallKind, path: string, sizes: number[]) {
  // As the engine's channels are (channel-options.ts): with no retry buffer, grpc-js tells a
  // write done only once it is on the stream, a loop turn later.
  const tap = await startTap(serverPort);
  const target = `127.0.0.1:${tap.port}`;
  const client = new grpc.Client(
    target,
    grpc.credentials.createInsecure(),
    STREAMING_CHANNEL_OPTIONS,
  );
  const clientFrames = () => framesOf(tap.toTarget(), true);
  try {
    await oneCall(client, target, kind, path, sizes);
    const framesFrom = clientFrames().length;
    const { events } = await oneCall(client, target, kind, path, sizes);
    // The server answered after the request's end, so the tap holds every frame of it by now.
    const data = clientFrames()
      .slice(framesFrom)
      .filter((f) => f.type === FRAME_DATA);
    return { data, events };
  } finally {
    client.close();
    await tap.close();
  }
}

async function oneCall(
  client: grpc.Client,
  target: string,
  kind: CallKind,
  path: string,
  sizes: number[],
) {
  const events: CallEvent[] = [];
  {
    const session = startCall({
      client,
      path,
      kind,
      target,
      requestCodec: request,
      responseCodec: response,
      onEvent: (event) => events.push(event),
    });
    for (const size of sizes) session.send({ responseSize: size });
    if (kind === 'client_stream') session.halfClose();
    const status = await session.done;
    expect(status.code).toBe(0);
  }
  return { events };
}

describe('a call ends its stream with its last message', () => {
  it('sends a unary request as one DATA frame with END_STREAM set', async () => {
    const { data, events } = await call('unary', '/t.S/Unary', [7]);
    expect(got.at(-1)).toEqual([7]);
    expect(data).toHaveLength(1);
    expect(data[0]?.flags).toBe(FLAG_END_STREAM);
    expect(data[0]?.payload.length).toBeGreaterThan(0);
    expect(events.map((e) => e.type)).toEqual([
      'started',
      'sent',
      'half_closed',
      'headers',
      'received',
      'status',
      'ended',
    ]);
  });

  it('ends a client stream on the frame of its last write, every message in order', async () => {
    const { data } = await call('client_stream', '/t.S/Upload', [1, 2, 3, 4]);
    expect(got.at(-1)).toEqual([1, 2, 3, 4]);
    // The first message alone, the rest gathered into the next write (framed-writes.ts).
    expect(data.every((f) => f.payload.length > 0)).toBe(true);
    expect(data.at(-1)?.flags).toBe(FLAG_END_STREAM);
    expect(data.slice(0, -1).every((f) => (f.flags & FLAG_END_STREAM) === 0)).toBe(true);
  });
});
