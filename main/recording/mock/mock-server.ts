import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import type { CallStatus, JsonValue } from '../../../shared/calls/events.js';
import type { CallKind } from '../../../shared/schema/model.js';
import { schemaFromFileDescriptors } from '../../schema/index.js';
import { diffJson } from '../diff/json-diff.js';
import { RecordingError } from '../recording-error.js';
import { loadMockCatalog, type MockCatalog, type MockEntry } from './mock-catalog.js';
import { playServerSide, type MockSpeed, type ServerCallSink } from './play-server-side.js';
import { shutdownServer } from '../../platform/shutdown-server.js';

export interface MockServerOptions {
  /** Recording files, or folders of them. */
  recordings: readonly string[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** 1 (default) keeps the recorded timing; 'max' answers at once. */
  speed?: MockSpeed;
  /** Serve reflection v1 and v1alpha (default true). */
  reflection?: boolean;
}

export interface MockServer {
  port: number;
  /** The method paths served. */
  methods: string[];
  close(): Promise<void>;
}

const identity = (b: Buffer): Buffer => b;

/** Unary and server-stream calls pick the recording whose request equals theirs, else the first. */
function choose(entries: MockEntry[], request: Buffer | undefined): MockEntry {
  const first = entries[0] as MockEntry;
  if (request === undefined || entries.length === 1) return first;
  let json: JsonValue;
  try {
    json = first.codecs.request.decode(request);
  } catch {
    return first;
  }
  return (
    entries.find(
      (e) =>
        e.firstRequest !== undefined &&
        diffJson(e.firstRequest, json, () => false, [], 1).length === 0,
    ) ?? first
  );
}

function grpcError(status: CallStatus, trailers: grpc.Metadata): Partial<grpc.StatusObject> {
  return { code: status.code, details: status.message, metadata: trailers };
}

function handlerFor(
  kind: CallKind,
  entries: MockEntry[],
  speed: MockSpeed,
): grpc.UntypedHandleCall {
  const fail = (error: unknown): void => process.emitWarning(`mock: ${(error as Error).message}`);
  if (kind === 'unary' || kind === 'client_stream') {
    return (
      call: grpc.ServerUnaryCall<Buffer, Buffer> | grpc.ServerReadableStream<Buffer, Buffer>,
      callback: grpc.sendUnaryData<Buffer>,
    ) => {
      let response: Buffer | undefined;
      let cancelled = false;
      call.on('cancelled', () => (cancelled = true));
      const clientDone =
        kind === 'unary'
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const stream = call as grpc.ServerReadableStream<Buffer, Buffer>;
              stream.on('data', () => undefined);
              stream.on('end', () => resolve());
              stream.on('error', () => resolve());
            });
      const sink: ServerCallSink = {
        sendHeaders: (md) => call.sendMetadata(md),
        write: async (bytes) => void (response = bytes),
        finish: (status, trailers) => {
          if (status.code === grpc.status.OK) callback(null, response ?? Buffer.alloc(0), trailers);
          else callback(grpcError(status, trailers));
        },
        isCancelled: () => cancelled,
        clientDone,
      };
      const entry =
        kind === 'unary'
          ? choose(entries, (call as grpc.ServerUnaryCall<Buffer, Buffer>).request)
          : (entries[0] as MockEntry);
      playServerSide(entry, sink, speed).catch(fail);
    };
  }
  return (
    call: grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>,
  ) => {
    let cancelled = false;
    call.on('cancelled', () => (cancelled = true));
    const clientDone =
      kind === 'server_stream'
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const stream = call as grpc.ServerDuplexStream<Buffer, Buffer>;
            stream.on('data', () => undefined);
            stream.on('end', () => resolve());
            stream.on('error', () => resolve());
          });
    const sink: ServerCallSink = {
      sendHeaders: (md) => call.sendMetadata(md),
      write: (bytes) =>
        new Promise<void>((resolve) => {
          if (call.write(bytes)) resolve();
          else call.once('drain', () => resolve());
        }),
      finish: (status, trailers) => {
        if (status.code === grpc.status.OK) call.end(trailers);
        else call.emit('error', grpcError(status, trailers));
      },
      isCancelled: () => cancelled,
      clientDone,
    };
    const entry =
      kind === 'server_stream'
        ? choose(entries, (call as grpc.ServerWritableStream<Buffer, Buffer>).request)
        : (entries[0] as MockEntry);
    playServerSide(entry, sink, speed).catch(fail);
  };
}

function addServices(server: grpc.Server, catalog: MockCatalog, speed: MockSpeed): void {
  const services = new Map<
    string,
    {
      definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>>;
      handlers: grpc.UntypedServiceImplementation;
    }
  >();
  for (const [method, entries] of catalog.byMethod) {
    const [, service, name] = /^\/([^/]+)\/([^/]+)$/.exec(method) ?? [];
    if (!service || !name) continue;
    const kind = (entries[0] as MockEntry).header.kind;
    const svc = services.get(service) ?? { definition: {}, handlers: {} };
    svc.definition[name] = {
      path: method,
      requestStream: kind === 'client_stream' || kind === 'bidi_stream',
      responseStream: kind === 'server_stream' || kind === 'bidi_stream',
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
      originalName: name,
    };
    svc.handlers[name] = handlerFor(kind, entries, speed);
    services.set(service, svc);
  }
  for (const { definition, handlers } of services.values())
    server.addService(definition as grpc.ServiceDefinition, handlers);
}

/** The recordings' descriptors, in the package-definition shape ReflectionService reads. */
function reflectionPackage(catalog: MockCatalog): protoLoader.PackageDefinition {
  let files;
  try {
    files = schemaFromFileDescriptors(catalog.files, 'mock recordings').files;
  } catch (error) {
    throw new RecordingError(
      `the recordings' schemas do not fit together: ${(error as Error).message}`,
      'mock recordings',
    );
  }
  const fileDescriptorProtos = files.map((f) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, f)),
  );
  return { 'gwb.mock.files': { fileDescriptorProtos } } as unknown as protoLoader.PackageDefinition;
}

/**
 * Serves recordings as a gRPC server: every method found in them, answering each call with the
 * recorded server side (see playServerSide), plus reflection built from the descriptors they carry.
 */
export async function startMockServer(opts: MockServerOptions): Promise<MockServer> {
  const catalog = await loadMockCatalog(opts.recordings);
  const server = new grpc.Server();
  addServices(server, catalog, opts.speed ?? 1);
  if (opts.reflection !== false)
    new ReflectionService(reflectionPackage(catalog)).addToServer(server);
  const host = opts.host ?? '127.0.0.1';
  const address =
    host.includes(':') && !host.startsWith('[')
      ? `[${host}]:${opts.port ?? 0}`
      : `${host}:${opts.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(new Error(`mock server cannot listen on ${address}: ${error.message}`));
      else resolve(bound);
    });
  });
  return {
    port,
    methods: [...catalog.byMethod.keys()].sort(),
    close: () => shutdownServer(server),
  };
}
