// A peer names its headers: one named like something every object has (`__proto__`,
// `constructor`, `tostring` once lower-cased as HTTP/2 wants) is a header like any other and must
// reach the call's result. fromGrpcMetadata read grpc-js's Metadata through toJSON(), a plain
// object, where `__proto__` set the prototype instead of a key: the header was lost.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataEntry } from '../../shared/calls/events.js';
import { testCodec } from '../../test/interop/codec.js';
import {
  frame,
  OK_HEADERS,
  startRawH2Server,
  type RawH2Server,
} from '../../test/interop/raw-h2-server.js';
import { interopServiceDefinition } from '../../test/interop/server.js';
import { startCall } from '../calls/index.js';
import { callResultFromLog, type CallResult } from '../checks/call-result.js';

const PATH = '/grpc.testing.TestService/EmptyCall';

function metadataOf(entries: Record<string, string>): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.add(key, value);
  return metadata;
}

/** A grpc-js server whose EmptyCall answers with these headers and trailers. */
async function startGrpcJsServer(
  headers: Record<string, string>,
  trailers: Record<string, string>,
): Promise<{ address: string; close(): void }> {
  const server = new grpc.Server();
  server.addService(interopServiceDefinition(), {
    EmptyCall: (call: grpc.ServerUnaryCall<object, object>, done: grpc.sendUnaryData<object>) => {
      call.sendMetadata(metadataOf(headers));
      done(null, {}, metadataOf(trailers));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

const clients: grpc.Client[] = [];
let grpcJs: { address: string; close(): void };
let rawServer: RawH2Server;

/** `{ __proto__: value }` as an own key: an object literal would set the prototype. */
function ownProtoKey(value: string, rest: Record<string, string | number>) {
  const headers = Object.create(null) as Record<string, string | number>;
  Object.assign(headers, rest);
  headers['__proto__'] = value;
  return headers;
}

beforeAll(async () => {
  grpcJs = await startGrpcJsServer(
    { constructor: 'h-constructor', toString: 'h-tostring' },
    { constructor: 't-constructor', toString: 't-tostring' },
  );
  // grpc-js's own server cannot send `__proto__`: it copies metadata into plain objects too (and
  // drops it there). A bare HTTP/2 server sends it as any other gRPC server may.
  rawServer = await startRawH2Server({
    [PATH]: (stream) => {
      stream.respond(ownProtoKey('h-proto', { ...OK_HEADERS, constructor: 'h-constructor' }), {
        waitForTrailers: true,
      });
      stream.write(frame(new Uint8Array()));
      stream.on('wantTrailers', () =>
        stream.sendTrailers(ownProtoKey('t-proto', { 'grpc-status': '0' })),
      );
      stream.end();
    },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  grpcJs?.close();
  await rawServer?.close();
});

/** One unary call to `address` through the engine's call session, and its result. */
async function resultOfCall(
  address: string,
  metadata: MetadataEntry[] = [],
): Promise<{ result: CallResult; sent: MetadataEntry[] }> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  clients.push(client);
  const session = startCall({
    client,
    path: PATH,
    kind: 'unary',
    target: address,
    requestCodec: testCodec('grpc.testing.Empty'),
    responseCodec: testCodec('grpc.testing.Empty'),
    messages: [{}],
    metadata,
    deadlineMs: 5_000,
  });
  await session.done;
  const started = session.events.find((e) => e.type === 'started');
  const sent = started?.type === 'started' ? (started.metadata ?? []) : [];
  return { result: callResultFromLog(session.events), sent };
}

const keyed = (entries: MetadataEntry[]) => entries.map(({ key, value }) => `${key}=${value}`);

describe('headers named like what every object has', () => {
  it('from a grpc-js server: constructor and tostring in headers and trailers', async () => {
    const { result } = await resultOfCall(grpcJs.address);
    expect(result.status?.code).toBe(0);
    expect(keyed(result.headers)).toEqual(
      expect.arrayContaining(['constructor=h-constructor', 'tostring=h-tostring']),
    );
    expect(keyed(result.trailers)).toEqual(
      expect.arrayContaining(['constructor=t-constructor', 'tostring=t-tostring']),
    );
  });

  it('from any gRPC server: __proto__ in headers and trailers', async () => {
    const { result } = await resultOfCall(rawServer.address);
    expect(result.status?.code).toBe(0);
    expect(keyed(result.headers)).toEqual(
      expect.arrayContaining(['__proto__=h-proto', 'constructor=h-constructor']),
    );
    expect(keyed(result.trailers)).toContain('__proto__=t-proto');
  });

  it('sent by the request: kept in what the call says it sent', async () => {
    const { sent } = await resultOfCall(grpcJs.address, [
      { key: '__proto__', value: 's-proto' },
      { key: 'constructor', value: 's-constructor' },
    ]);
    expect(keyed(sent)).toEqual(
      expect.arrayContaining(['__proto__=s-proto', 'constructor=s-constructor']),
    );
  });
});
