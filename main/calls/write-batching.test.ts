// A client stream puts many messages in few socket writes (framed-writes.ts): the messages that
// gather while a write is in flight go in the next one. Seen through a TCP proxy that counts what
// the client's socket delivers: one read per message before (100,000 messages: 100,002 writev),
// a few per 64 KB now. Order, half-close, cancel, observers and back-pressure still hold.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { testCodec } from '../../test/interop/codec.js';
import { startCountingPipe, type CountingPipe } from './counting-pipe.testkit.js';
import { startCall, type CallSession } from './index.js';

const identity = (b: Buffer): Buffer => b;
const request = testCodec('grpc.testing.SimpleRequest');

interface Upload {
  /** The response_size of each message, in the order the server got them. */
  seqs: number[];
  call: grpc.ServerReadableStream<Buffer, Buffer>;
  cancelled: Promise<void>;
}

let server: grpc.Server;
let proxy: CountingPipe;
const uploads: Upload[] = [];
const clients: grpc.Client[] = [];

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(
    {
      Upload: {
        path: '/t.S/Upload',
        requestStream: true,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    } as grpc.ServiceDefinition,
    {
      Upload: (call: grpc.ServerReadableStream<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        const seqs: number[] = [];
        call.on('data', (m: Buffer) =>
          seqs.push((request.decode(m) as { responseSize?: number }).responseSize ?? 0),
        );
        call.on('end', () => cb(null, Buffer.alloc(0)));
        const cancelled = new Promise<void>((resolve) => call.on('cancelled', () => resolve()));
        uploads.push({ seqs, call, cancelled });
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
  for (const client of clients) client.close();
  proxy.close();
  server.forceShutdown();
});

function upload(options: grpc.ChannelOptions = {}): { session: CallSession; events: CallEvent[] } {
  const client = new grpc.Client(proxy.address, grpc.credentials.createInsecure(), options);
  clients.push(client);
  const events: CallEvent[] = [];
  const session = startCall({
    client,
    path: '/t.S/Upload',
    kind: 'client_stream',
    target: proxy.address,
    requestCodec: request,
    responseCodec: testCodec('grpc.testing.StreamingInputCallResponse'),
    keepLog: false,
    onEvent: (event) => events.push(event),
  });
  return { session, events };
}

/** Sends `count` messages as a fast producer does: as fast as the session is writable. */
async function sendAll(session: CallSession, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    session.send({ responseSize: i });
    if (!session.writable) await session.whenWritable();
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('client stream writes', { timeout: 60_000 }, () => {
  it('puts 20,000 messages in a few dozen socket writes, in order, then half-closes', async () => {
    const before = uploads.length;
    const readsBefore = proxy.clientReads;
    const { session, events } = upload();
    // Sent as they gather: the first alone, the rest in batches while a write is in flight.
    await sendAll(session, 20_000);
    session.halfClose();
    const status = await session.done;
    expect(status.code).toBe(0);
    const seen = uploads[before] as Upload;
    expect(seen.seqs).toEqual(range(20_000));
    expect(events.filter((e) => e.type === 'sent')).toHaveLength(20_000);
    expect(events.filter((e) => e.type === 'half_closed')).toHaveLength(1);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['received', 'status', 'ended']);
    // One write per message made ~20,000 reads here; 20,000 messages of ~8 bytes framed are
    // ~160 KB, a handful of 64 KB writes (plus the connection's own frames).
    expect(proxy.clientReads - readsBefore).toBeLessThan(200);
  });

  it('sends every message on grpc-js own path when it compresses, in order', async () => {
    const before = uploads.length;
    const { session } = upload({ 'grpc.default_compression_algorithm': 2 });
    await sendAll(session, 2_000);
    session.halfClose();
    expect((await session.done).code).toBe(0);
    expect((uploads[before] as Upload).seqs).toEqual(range(2_000));
  });

  it('stops taking messages while the server does not read, then sends them all in order', async () => {
    const before = uploads.length;
    const { session } = upload();
    session.send({ responseSize: 0 });
    await until(() => uploads.length > before);
    const seen = uploads[before] as Upload;
    seen.call.pause();
    // A producer that never waits fills the queue past the mark: the session says so.
    let sent = 1;
    while (session.writable && sent < 2_000_000) session.send({ responseSize: sent++ });
    expect(session.writable).toBe(false);
    // ~1 MB queued, plus what grpc-js and the HTTP/2 windows hold: far below 2M messages.
    expect(sent).toBeLessThan(1_000_000);
    let woken = false;
    const wake = session.whenWritable().then(() => (woken = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(woken).toBe(false);
    seen.call.resume();
    await wake;
    session.halfClose();
    expect((await session.done).code).toBe(0);
    expect(seen.seqs).toEqual(range(sent));
  });

  it('cancels a burst at once in the log, the server seeing the cancellation', async () => {
    const before = uploads.length;
    const { session, events } = upload();
    session.send({ responseSize: 0 });
    await until(() => uploads.length > before);
    for (let i = 1; i < 5_000; i++) session.send({ responseSize: i });
    session.cancel('enough');
    expect(events.at(-2)).toMatchObject({ type: 'status', status: { code: 1, message: 'enough' } });
    expect(events.at(-1)?.type).toBe('ended');
    expect(() => session.send({ responseSize: 1 })).toThrow(/ended/);
    await (uploads[before] as Upload).cancelled;
    // The messages logged as sent before the cancel went out first, in order.
    expect((uploads[before] as Upload).seqs).toEqual(
      range((uploads[before] as Upload).seqs.length),
    );
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
