import * as grpc from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, startPythonPeer, type PythonPeer } from '../../../test/python/peer.js';
import { startTargetServer, stub, type TargetServer } from '../capture.testkit.js';
import { HeaderBlockDecoder } from './header-block.js';
import {
  framesOf,
  padded,
  readTraffic,
  startTap,
  type SeenStream,
  type Tap,
} from './traffic.testkit.js';

// The passive reader against real traffic: the bytes grpc-js and Python grpcio peers exchanged
// (through a tap that keeps a copy), read back in whole chunks, byte by byte, and re-framed with
// padding and PRIORITY fields; each read must give the same calls as the peers saw.
type Obj = Record<string, unknown>;
type Unary = (
  req: Obj,
  md: grpc.Metadata,
  cb: (e: grpc.ServiceError | null, r?: Obj) => void,
) => grpc.ClientUnaryCall;

let target: TargetServer;
const taps: Tap[] = [];
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  for (const tap of taps) await tap.close();
  target.kill();
});

async function tapTo(port: number): Promise<Tap> {
  const tap = await startTap(port);
  taps.push(tap);
  return tap;
}

function getUser(client: grpc.Client, id: string, md = new grpc.Metadata()) {
  const call = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  return new Promise<{ error: grpc.ServiceError | null; res?: Obj }>((resolve) =>
    call.call(client, { id }, md, (error, res) => resolve({ error, res })),
  );
}

/** Streams in the order the client opened them. */
const inOrder = (streams: Map<number, SeenStream>): SeenStream[] =>
  [...streams.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);

/** Every way the reader may get the same bytes: the reads must agree. */
function everyReading(tap: Tap): Map<number, SeenStream>[] {
  const up = tap.toTarget();
  const down = tap.toClient();
  return [
    readTraffic(up, down),
    readTraffic(up, down, 1),
    readTraffic(padded(up, true), padded(down, false)),
    readTraffic(padded(up, true, 0), padded(down, false, 200), 5),
    // 13 bytes: more than a 9-byte frame header and no divisor of the frame sizes, so a chunk
    // often begins with part of a header already gathered and the rest of it whole in the chunk.
    readTraffic(up, down, 13),
  ];
}

describe('the passive HTTP/2 reader on grpc-js traffic', () => {
  it('200 calls on one connection: every header block decodes (HPACK dynamic table, Huffman), whatever the chunking, padding or PRIORITY', async () => {
    const tap = await tapTo(target.port);
    const client = stub('UserService', tap.port);
    for (let i = 0; i < 200; i++) {
      const md = new grpc.Metadata();
      // A value new on each call (indexed, then evicted as the 4 KiB table fills) and a few
      // that repeat (found in the dynamic table again).
      md.set('x-call', `call-${i}`);
      md.set('x-kind', `kind-${i % 7}`);
      md.set('x-id-bin', Buffer.from([i & 255, 0, 255]));
      expect((await getUser(client, String(i), md)).error).toBeNull();
    }
    client.close();
    for (const streams of everyReading(tap)) {
      const calls = inOrder(streams);
      expect(calls).toHaveLength(200);
      calls.forEach((call, i) => {
        expect(call.request).toMatchObject({
          ':method': 'POST',
          ':path': '/example.UserService/GetUser',
          'content-type': 'application/grpc',
          'x-call': `call-${i}`,
          'x-kind': `kind-${i % 7}`,
          'x-id-bin': Buffer.from([i & 255, 0, 255])
            .toString('base64')
            .replace(/=+$/, ''),
        });
        expect(call.response).toMatchObject({ ':status': '200', 'echo-x-call': `call-${i}` });
        expect(call.trailers).toMatchObject({ 'grpc-status': '0', 'x-trailer': 'done' });
        expect([call.sent.length, call.received.length]).toEqual([1, 1]);
        expect(call.sent[0]?.bytes?.toString('latin1')).toContain(String(i));
        expect(call.received[0]?.bytes?.toString('latin1')).toContain(`user ${i}`);
        expect([call.clientEnded, call.targetEnded, call.unfinished]).toEqual([true, true, 0]);
      });
    }
  });

  it('a header block over one frame: HEADERS and CONTINUATION, and the calls after it still decode', async () => {
    const tap = await tapTo(target.port);
    const client = stub('UserService', tap.port);
    const big = randomBytes(30_000).toString('base64'); // 40 KB, more than one 16 KiB frame
    const md = new grpc.Metadata();
    md.set('x-big', big);
    await getUser(client, 'big-headers', md);
    expect((await getUser(client, 'after')).res).toMatchObject({ name: 'user after' });
    client.close();
    expect(framesOf(tap.toTarget(), true).filter((f) => f.type === 9).length).toBeGreaterThan(0);
    for (const streams of everyReading(tap)) {
      const [first, after] = inOrder(streams);
      expect(first?.request?.['x-big']).toBe(big);
      expect(after?.request).toMatchObject({ ':path': '/example.UserService/GetUser' });
      expect(after?.trailers).toMatchObject({ 'grpc-status': '0' });
    }
  });

  it('a 1 MiB message arrives in many DATA frames and is read whole', async () => {
    const tap = await tapTo(target.port);
    const client = stub('UserService', tap.port);
    const { res } = await getUser(client, `big:${1 << 20}`);
    expect((res?.['name'] as string).length).toBe(1 << 20);
    client.close();
    for (const streams of everyReading(tap)) {
      const [call] = inOrder(streams);
      const message = call?.received[0];
      expect(message?.length).toBeGreaterThan(1 << 20);
      expect(message?.bytes?.length).toBe(message?.length);
      expect(message?.bytes?.toString('latin1').split('n').length).toBeGreaterThan(1 << 20);
    }
  });

  it('a 100k-message server stream: every message counted', { timeout: 120_000 }, async () => {
    const tap = await tapTo(target.port);
    const client = stub('LogService', tap.port) as unknown as Record<string, unknown>;
    const call = (client.Tail as (r: Obj) => grpc.ClientReadableStream<Obj>).call(client, {
      source: 'count',
      lines: 100_000,
    });
    let got = 0;
    call.on('data', () => got++);
    await new Promise((resolve) => call.on('status', resolve));
    expect(got).toBe(100_000);
    (client as unknown as grpc.Client).close();
    const up = tap.toTarget();
    const down = tap.toClient();
    for (const streams of [readTraffic(up, down), readTraffic(up, down, 997)]) {
      const [tail] = inOrder(streams);
      expect(tail?.received).toHaveLength(100_000);
      // LogLine{seq: 100000, …}: field 1, varint a0 8d 06.
      expect(tail?.received.at(-1)?.bytes?.subarray(0, 4)).toEqual(
        Buffer.from([0x08, 0xa0, 0x8d, 0x06]),
      );
      expect(tail?.trailers).toMatchObject({ 'grpc-status': '0' });
    }
  });
});

describe('the passive HTTP/2 reader on Python grpcio traffic', () => {
  let peer: PythonPeer;
  beforeAll(async () => {
    peer = await startPythonPeer();
  });
  afterAll(() => peer?.close());

  it(
    'a Python client (every kind, -bin metadata, 1 MiB, a 100k stream) to a grpc-js server',
    { timeout: 300_000 },
    async () => {
      const tap = await tapTo(target.port);
      await promisify(execFile)(
        PYTHON,
        [path.join(import.meta.dirname, '..', 'python_client.py'), `127.0.0.1:${tap.port}`],
        { maxBuffer: 1 << 20 },
      );
      const calls = inOrder(readTraffic(tap.toTarget(), tap.toClient()));
      expect(calls.map((c) => String(c.request?.[':path']).split('/')[2])).toEqual([
        'GetUser',
        'GetUser',
        'GetUser',
        'GetUser',
        'Tail',
        'Tail',
        'Upload',
        'Chat',
      ]);
      const [unary, fail, , big, tail, , upload, chat] = calls;
      expect(unary?.request).toMatchObject({ 'x-token': 'py', 'x-blob-bin': 'AAH/' });
      expect(unary?.response).toMatchObject({ 'echo-x-token': 'py' });
      expect(fail?.trailers).toMatchObject({
        'grpc-status': '5',
        'grpc-message': 'no%20user%20fail',
      });
      expect(big?.sent[0]?.length).toBeGreaterThan(1 << 20);
      expect(tail?.received).toHaveLength(100_000);
      expect(upload?.sent).toHaveLength(4);
      expect([chat?.sent.length, chat?.received.length]).toEqual([2, 2]);
    },
  );

  it('a grpc-js client to the Python grpcio server: its header blocks decode', async () => {
    const tap = await tapTo(peer.port);
    const client = stub('UserService', tap.port);
    for (const id of ['42', 'nobody', '42', '42']) await getUser(client, id);
    client.close();
    for (const streams of everyReading(tap)) {
      const calls = inOrder(streams);
      expect(calls.map((c) => c.trailers?.['grpc-status'])).toEqual(['0', '5', '0', '0']);
      expect(calls[1]?.trailers?.['grpc-status-details-bin']).toEqual(expect.any(String));
      expect(calls[3]?.received[0]?.bytes?.toString('latin1')).toContain('Douglas Adams');
    }
  });
});

describe('HPACK dynamic table size (RFC 7541 §4.2, §6.3)', () => {
  /** A literal with incremental indexing, new name (§6.2.1): it becomes dynamic entry 62. */
  const indexed = (name: string, value: string) =>
    Buffer.concat([
      Buffer.from([0x40, name.length]),
      Buffer.from(name),
      Buffer.from([value.length]),
      Buffer.from(value),
    ]);
  const entry62 = Buffer.from([0x80 | 62]);

  it("a size update evicts (0 empties the table) and may not pass the peer's SETTINGS_HEADER_TABLE_SIZE", () => {
    const decoder = new HeaderBlockDecoder();
    expect(decoder.decode(Buffer.concat([indexed('x-a', 'one'), entry62]))).toEqual({
      'x-a': ['one', 'one'],
    });
    expect(decoder.decode(entry62)).toEqual({ 'x-a': 'one' });
    expect(() => decoder.decode(Buffer.concat([Buffer.from([0x20]), entry62]))).toThrow();

    const update8192 = Buffer.from([0x3f, 0xe1, 0x3f]); // 31 + 8161
    expect(() => new HeaderBlockDecoder().decode(update8192)).toThrow(/bigger than maximum/);
    const allowed = new HeaderBlockDecoder();
    allowed.setLimit(8192);
    expect(allowed.decode(Buffer.concat([update8192, indexed('x-b', 'two'), entry62]))).toEqual({
      'x-b': ['two', 'two'],
    });
  });
});
