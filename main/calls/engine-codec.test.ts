// Call sessions with the engine's own codec (proto3 JSON via @bufbuild/protobuf) and its
// google.rpc.Status decoder, against real grpc-js servers.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodecError,
  createMessageCodec,
  decodeStatusDetails,
  encodeStatusDetails,
} from '../codec/index.js';
import { loadProtoFiles, type LoadedSchema } from '../schema/index.js';
import { INTEROP_PROTO } from '../../test/interop/codec.js';
import {
  interopServiceDefinition,
  startInteropServer,
  type InteropServer,
} from '../../test/interop/server.js';
import { decodeStatusDetailsRaw, startCall, type CallOptions } from './index.js';

let schema: LoadedSchema;
let server: InteropServer;
let client: grpc.Client;
let richServer: grpc.Server;
let richClient: grpc.Client;
let richBin: Uint8Array;

beforeAll(async () => {
  schema = loadProtoFiles({ files: [INTEROP_PROTO] });
  server = await startInteropServer();
  client = new grpc.Client(server.address, grpc.credentials.createInsecure());

  // A server whose UnaryCall fails with google.rpc error details in grpc-status-details-bin.
  richServer = new grpc.Server();
  richServer.addService(interopServiceDefinition(), {
    UnaryCall(
      _call: grpc.ServerUnaryCall<unknown, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) {
      const metadata = new grpc.Metadata();
      richBin = encodeStatusDetails(undefined, {
        code: grpc.status.NOT_FOUND,
        message: 'user 42 not found',
        details: [
          { type: 'google.rpc.ResourceInfo', value: { resourceType: 'user', resourceName: '42' } },
        ],
      });
      metadata.set('grpc-status-details-bin', Buffer.from(richBin));
      callback({ code: grpc.status.NOT_FOUND, details: 'user 42 not found', metadata });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    richServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  richClient = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client.close();
  richClient.close();
  richServer.forceShutdown();
  await server.close();
});

function options(extra: Partial<CallOptions>): CallOptions {
  return {
    client,
    path: '/grpc.testing.TestService/UnaryCall',
    kind: 'unary',
    target: server.address,
    requestCodec: createMessageCodec(schema.registry, 'grpc.testing.SimpleRequest'),
    responseCodec: createMessageCodec(schema.registry, 'grpc.testing.SimpleResponse'),
    ...extra,
  };
}

describe('call sessions with the engine codec', () => {
  it('a unary call speaks proto3 JSON and keeps raw bytes when asked', async () => {
    const session = startCall(options({ messages: [{ responseSize: 3 }], keepRaw: true }));
    expect((await session.done).codeName).toBe('OK');
    const received = session.events.find((e) => e.type === 'received');
    expect(received).toMatchObject({
      message: { payload: { body: 'AAAA' } },
      size: 7,
      raw: Buffer.from([10, 5, 18, 3, 0, 0, 0]).toString('base64'),
    });
    const sent = session.events.find((e) => e.type === 'sent');
    expect(sent).toMatchObject({ message: { responseSize: 3 }, size: 2, raw: 'EAM=' });
  });

  it('a request that does not fit throws CodecError with the field path before anything is sent', () => {
    expect(() => startCall(options({ messages: [{ payload: { bodyy: 'AA' } }] }))).toThrow(
      CodecError,
    );
    expect(() => startCall(options({ messages: [{ payload: { bodyy: 'AA' } }] }))).toThrow(
      /payload\.bodyy/,
    );
  });

  it('a bad message on a stream throws from send(), and the call stays usable', async () => {
    const session = startCall(
      options({
        path: '/grpc.testing.TestService/StreamingInputCall',
        kind: 'client_stream',
        requestCodec: createMessageCodec(schema.registry, 'grpc.testing.StreamingInputCallRequest'),
        responseCodec: createMessageCodec(
          schema.registry,
          'grpc.testing.StreamingInputCallResponse',
        ),
      }),
    );
    session.send({ payload: { body: 'AAAA' } });
    expect(() => session.send({ payload: { body: 12 } })).toThrow(/payload\.body/);
    session.send({ payload: { body: 'AAAAAA==' } });
    session.halfClose();
    expect((await session.done).codeName).toBe('OK');
    const received = session.events.find((e) => e.type === 'received');
    expect(received).toMatchObject({ message: { aggregatedPayloadSize: 7 } });
    expect(session.events.filter((e) => e.type === 'sent')).toHaveLength(2);
  });

  it('a stream message that does not fit names which message it is, and nothing is logged', () => {
    const logged: string[] = [];
    const stream = () =>
      startCall(
        options({
          path: '/grpc.testing.TestService/StreamingInputCall',
          kind: 'client_stream',
          requestCodec: createMessageCodec(
            schema.registry,
            'grpc.testing.StreamingInputCallRequest',
          ),
          responseCodec: createMessageCodec(
            schema.registry,
            'grpc.testing.StreamingInputCallResponse',
          ),
          messages: [{}, { payload: { body: 'AA' } }, { payload: { bodyy: 'AA' } }],
          onEvent: (e) => logged.push(e.type),
        }),
      );
    expect(stream).toThrow(
      /^message 3: invalid grpc\.testing\.StreamingInputCallRequest at payload\.bodyy/,
    );
    try {
      stream();
    } catch (error) {
      expect(error).toBeInstanceOf(CodecError);
      expect((error as CodecError).toData()).toMatchObject({
        code: 'codec_error',
        details: { path: 'payload.bodyy', messageIndex: 2 },
      });
    }
    expect(logged).toEqual([]);
  });

  it('invalid metadata is rejected before the call starts', () => {
    expect(() =>
      startCall(options({ messages: [{}], metadata: [{ key: 'bad key', value: 'x' }] })),
    ).toThrow(/metadata entry 1 \("bad key"\)/);
  });

  it('decodes google.rpc.Status details through the injected decoder', async () => {
    const session = startCall(
      options({
        client: richClient,
        messages: [{}],
        decodeStatusDetails: (bin) => decodeStatusDetails(schema.registry, bin).details,
      }),
    );
    const status = await session.done;
    expect(status).toMatchObject({
      code: 5,
      codeName: 'NOT_FOUND',
      message: 'user 42 not found',
      details: [
        { type: 'google.rpc.ResourceInfo', value: { resourceType: 'user', resourceName: '42' } },
      ],
    });
  });

  it('without a decoder, details keep their type and raw bytes', async () => {
    const session = startCall(options({ client: richClient, messages: [{}] }));
    const status = await session.done;
    expect(status.details).toHaveLength(1);
    expect(status.details[0]).toMatchObject({ type: 'google.rpc.ResourceInfo', value: null });
    expect(status.details[0]!.raw).toBe(decodeStatusDetails(undefined, richBin).details[0]!.raw);
  });

  it('the schema-free decoder ignores bytes that are not a Status', () => {
    expect(decodeStatusDetailsRaw(new Uint8Array([0xff, 0xff]))).toEqual([]);
  });
});
