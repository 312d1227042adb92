// The passive reader's tests' parts: a tap (a TCP pipe that keeps a copy of each direction's
// bytes, as captured from real peers) and a reading of those bytes through FrameReader.
import net, { type AddressInfo } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http2';
import { FrameObserver, type ObservedMessage } from '../grpc-frames.js';
import { CLIENT_PREFACE, FrameReader } from './frame-reader.js';

export interface Tap {
  port: number;
  /** Everything the client sent / the target sent, so far. */
  toTarget(): Buffer;
  toClient(): Buffer;
  close(): Promise<void>;
}

export async function startTap(targetPort: number): Promise<Tap> {
  const up: Buffer[] = [];
  const down: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const target = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, target]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    client.on('data', (c: Buffer) => up.push(c));
    target.on('data', (c: Buffer) => down.push(c));
    client.pipe(target);
    target.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    toTarget: () => Buffer.concat(up),
    toClient: () => Buffer.concat(down),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One stream as the reader saw it. */
export interface SeenStream {
  request?: IncomingHttpHeaders;
  response?: IncomingHttpHeaders;
  trailers?: IncomingHttpHeaders;
  sent: ObservedMessage[];
  received: ObservedMessage[];
  clientEnded: boolean;
  targetEnded: boolean;
  /** Bytes of messages begun and not finished, both ways (0 when the framing was read right). */
  unfinished: number;
}

/** Messages kept whole up to this size (a 1 MiB message among them). */
const KEEP = 8 << 20;

/**
 * Both directions read through FrameReaders (each in pieces of `chunk` bytes, or whole), the way
 * ObservedConnection wires them: streams with their headers and gRPC messages each way.
 */
export function readTraffic(
  toTarget: Buffer,
  toClient: Buffer,
  chunk = Infinity,
): Map<number, SeenStream> {
  const streams = new Map<number, SeenStream>();
  const observers = new Map<string, FrameObserver>();
  const stream = (id: number): SeenStream => {
    let s = streams.get(id);
    if (!s)
      streams.set(
        id,
        (s = { sent: [], received: [], clientEnded: false, targetEnded: false, unfinished: 0 }),
      );
    return s;
  };
  const observer = (id: number, side: 'sent' | 'received'): FrameObserver => {
    let o = observers.get(`${side}${id}`);
    if (!o) {
      const into = stream(id)[side];
      // Copies: an observed message may be a view of a chunk.
      o = new FrameObserver(KEEP, (m) =>
        into.push({ ...m, bytes: m.bytes && Buffer.from(m.bytes) }),
      );
      observers.set(`${side}${id}`, o);
    }
    return o;
  };
  const client: FrameReader = new FrameReader(
    {
      headers: (id, h, end) => {
        stream(id).request = h;
        if (end) stream(id).clientEnded = true;
      },
      data: (id, bytes) => observer(id, 'sent').push(bytes),
      dataEnd: (id) => (stream(id).clientEnded = true),
      reset: () => undefined,
      goaway: () => undefined,
      headerTableSize: (size) => target.decoder.setLimit(size),
      maxHeaderListSize: (size) => target.decoder.setListLimit(size),
    },
    { preface: true },
  );
  const target: FrameReader = new FrameReader(
    {
      headers: (id, h, end) => {
        const s = stream(id);
        if (s.response || end) s.trailers = h;
        else s.response = h;
        if (end) s.targetEnded = true;
      },
      data: (id, bytes) => observer(id, 'received').push(bytes),
      dataEnd: (id) => (stream(id).targetEnded = true),
      reset: () => undefined,
      goaway: () => undefined,
      headerTableSize: (size) => client.decoder.setLimit(size),
      maxHeaderListSize: (size) => client.decoder.setListLimit(size),
    },
    { preface: false },
  );
  const feed = (reader: FrameReader, bytes: Buffer): void => {
    for (let at = 0; at < bytes.length; at += chunk)
      reader.push(bytes.subarray(at, Math.min(bytes.length, at + chunk)));
  };
  feed(client, toTarget);
  feed(target, toClient);
  for (const [key, o] of observers)
    stream(Number(key.replace(/\D/g, ''))).unfinished += o.pendingBytes;
  return streams;
}

export interface RawFrame {
  type: number;
  flags: number;
  streamId: number;
  payload: Buffer;
}

/** The frames of one direction's bytes (after the preface, if it has one): the test's own walk. */
export function framesOf(bytes: Buffer, preface: boolean): RawFrame[] {
  const frames: RawFrame[] = [];
  let at = preface ? CLIENT_PREFACE.length : 0;
  while (at + 9 <= bytes.length) {
    const length = bytes.readUIntBE(at, 3);
    frames.push({
      type: bytes[at + 3] as number,
      flags: bytes[at + 4] as number,
      streamId: bytes.readUInt32BE(at + 5) & 0x7fffffff,
      payload: bytes.subarray(at + 9, at + 9 + length),
    });
    at += 9 + length;
  }
  return frames;
}

export function frameBytes(f: RawFrame): Buffer {
  const head = Buffer.alloc(9);
  head.writeUIntBE(f.payload.length, 0, 3);
  head[3] = f.type;
  head[4] = f.flags;
  head.writeUInt32BE(f.streamId, 5);
  return Buffer.concat([head, f.payload]);
}

/**
 * The same traffic with every DATA frame padded and every HEADERS frame padded and carrying a
 * PRIORITY field (what real peers may send and grpc-js and nghttp2 happen not to).
 */
export function padded(bytes: Buffer, preface: boolean, pad = 7): Buffer {
  const out: Buffer[] = preface ? [CLIENT_PREFACE] : [];
  for (const f of framesOf(bytes, preface)) {
    const padding = Buffer.alloc(pad, 0xee);
    if (f.type === 0)
      out.push(
        frameBytes({
          ...f,
          flags: f.flags | 0x8,
          payload: Buffer.concat([Buffer.from([pad]), f.payload, padding]),
        }),
      );
    else if (f.type === 1) {
      const priority = Buffer.from([0x80, 0, 0, 0, 42]); // exclusive on stream 0, weight 43
      out.push(
        frameBytes({
          ...f,
          flags: f.flags | 0x8 | 0x20,
          payload: Buffer.concat([Buffer.from([pad]), priority, f.payload, padding]),
        }),
      );
    } else out.push(frameBytes(f));
  }
  return Buffer.concat(out);
}
