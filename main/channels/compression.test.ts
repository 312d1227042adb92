import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { Compression } from '../../shared/request/connection.js';
import {
  callEventsOf,
  demoRequest,
  startEngineKit,
  type EngineKit,
} from '../engine/engine.testkit.js';
import { resourcePath } from '../resources.js';
import { startByteRelay, type ByteRelay } from './byte-relay.testkit.js';

// Request compression against a grpc-js server: it reaches the wire (counted by a relay) and the
// sent event carries wire and decoded size. grpc-js 1.14 servers never compress their responses
// (server-interceptors.js: "response compression is currently not supported"), so compressed
// responses are tested against the Python grpcio peer (test/python/compression.test.ts).

const BIG = 'compressible '.repeat(4000); // 52 000 bytes of text
let server: grpc.Server;
let relay: ByteRelay;
let kit: EngineKit;
let schemaId: string;

/** A bidi echo of example.ChatService/Chat, bytes in, bytes out. */
async function startEchoServer(): Promise<number> {
  server = new grpc.Server();
  const bytes = (b: Buffer): Buffer => b;
  server.addService(
    {
      Chat: {
        path: '/example.ChatService/Chat',
        requestStream: true,
        responseStream: true,
        requestSerialize: bytes,
        requestDeserialize: bytes,
        responseSerialize: bytes,
        responseDeserialize: bytes,
      },
    },
    {
      Chat: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
        call.on('data', (message: Buffer) => call.write(message));
        call.on('end', () => call.end());
      },
    },
  );
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
}

beforeAll(async () => {
  const port = await startEchoServer();
  relay = await startByteRelay({ host: '127.0.0.1', port });
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterAll(async () => {
  await kit?.close();
  await relay?.close();
  server?.forceShutdown();
});

async function chat(
  compression: Compression | undefined,
): Promise<{ events: CallEvent[]; up: number }> {
  const before = relay.upstream();
  const request = demoRequest(relay.address, '/example.ChatService/Chat', [
    { sender: 'a', content: BIG },
  ]);
  if (compression !== undefined) request.connection.compression = compression;
  const { callId } = await kit.call('call.start', { schemaId, request, halfClose: true });
  await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  return { events: callEventsOf(kit.events, callId), up: relay.upstream() - before };
}

function one<T extends CallEvent['type']>(events: CallEvent[], type: T) {
  const found = events.find((e) => e.type === type);
  if (!found) throw new Error(`no ${type} event`);
  return found as Extract<CallEvent, { type: T }>;
}

describe('request compression', () => {
  it.each(['gzip', 'deflate'] as const)(
    '%s: the request is compressed on the wire',
    async (algo) => {
      const { events, up } = await chat(algo);
      expect(one(events, 'status').status.code).toBe(0);
      const sent = one(events, 'sent');
      expect(sent.size).toBeGreaterThan(BIG.length);
      expect(sent.encoding).toBe(algo);
      expect(sent.wireSize).toBeLessThan(1000);
      // What the relay saw: far less than the 52 kB message.
      expect(up).toBeLessThan(5000);
      expect(one(events, 'received').message).toEqual({ sender: 'a', content: BIG });
    },
  );

  it('none (identity): the request goes as it is, and its event has no wire size', async () => {
    for (const compression of [undefined, 'identity'] as const) {
      const { events, up } = await chat(compression);
      const sent = one(events, 'sent');
      expect(sent.wireSize).toBeUndefined();
      expect(sent.encoding).toBeUndefined();
      expect(up).toBeGreaterThan(BIG.length);
    }
  });
});

describe('the channel', () => {
  it('is one per compression: a gzip request does not make identity requests compressed', async () => {
    await chat('gzip');
    const { up } = await chat(undefined);
    expect(up).toBeGreaterThan(BIG.length);
  });
});
