// A call's end of stream rides on its last DATA frame, as grpc-js's own clients send it: a unary
// request (and a client stream's last write) is one frame with END_STREAM set, not a frame and
// then an empty one a loop turn later, which the server waited for before it answered. Seen
// through a TCP pipe that reads the frames the client sends.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { testCodec } from '../../test/interop/codec.js';
import {
  FLAG_END_STREAM,
  FRAME_DATA,
  startCountingPipe,
  type CountingPipe,
} from './counting-pipe.testkit.js';
import type { CallKind } from '../../shared/schema/model.js';
import { STREAMING_CHANNEL_OPTIONS } from '../channels/streaming-options.js';
import { startCall } from './index.js';

const identity = (b: Buffer): Buffer => b;
const request = testCodec('grpc.testing.SimpleRequest');
const response = testCodec('grpc.testing.SimpleResponse');

let server: grpc.Server;
let proxy: CountingPipe;
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
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  proxy = await startCountingPipe(port);
});

afterAll(() => {
  proxy.close();
  server.forceShutdown();
});

/**
 * A call on a connection made ready by a call before it, on a client of its own (one connection:
 * its frames alone in the pipe's list). A call made while its connection is still being made
 * hands its message and its half-close over together anyway: only a ready one shows the turn.
 */
async function call(kind: CallKind, path: string, sizes: number[]) {
  // As the engine's channels are (channel-options.ts): with no retry buffer, grpc-js tells a
  // write done only once it is on the stream, a loop turn later.
  const client = new grpc.Client(
    proxy.address,
    grpc.credentials.createInsecure(),
    STREAMING_CHANNEL_OPTIONS,
  );
  try {
    await oneCall(client, kind, path, sizes);
    return await oneCall(client, kind, path, sizes);
  } finally {
    client.close();
  }
}

async function oneCall(client: grpc.Client, kind: CallKind, path: string, sizes: number[]) {
  const framesFrom = proxy.clientFrames.length;
  const events: CallEvent[] = [];
  {
    const session = startCall({
      client,
      path,
      kind,
      target: proxy.address,
      requestCodec: request,
      responseCodec: response,
      onEvent: (event) => events.push(event),
    });
    for (const size of sizes) session.send({ responseSize: size });
    if (kind === 'client_stream') session.halfClose();
    const status = await session.done;
    expect(status.code).toBe(0);
  }
  const data = proxy.clientFrames.slice(framesFrom).filter((f) => f.type === FRAME_DATA);
  return { data, events };
}

describe('a call ends its stream with its last message', () => {
  it('sends a unary request as one DATA frame with END_STREAM set', async () => {
    const { data, events } = await call('unary', '/t.S/Unary', [7]);
    expect(got.at(-1)).toEqual([7]);
    expect(data).toHaveLength(1);
    expect(data[0]?.flags).toBe(FLAG_END_STREAM);
    expect(data[0]?.length).toBeGreaterThan(0);
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
    expect(data.every((f) => f.length > 0)).toBe(true);
    expect(data.at(-1)?.flags).toBe(FLAG_END_STREAM);
    expect(data.slice(0, -1).every((f) => (f.flags & FLAG_END_STREAM) === 0)).toBe(true);
  });
});
