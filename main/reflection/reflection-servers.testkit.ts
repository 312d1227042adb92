// Test helpers: real grpc-js servers that serve reflection in the ways servers in the wild do.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';

export const testdataDir = join(import.meta.dirname, 'testdata');
export const shopProtos = ['shop/v1/shop.proto', 'shop/v1/admin.proto'];

export interface RunningServer {
  address: string;
  server: grpc.Server;
  close(): void;
}

export async function startServer(
  setup: (server: grpc.Server) => void,
  options?: grpc.ServerOptions,
): Promise<RunningServer> {
  const server = new grpc.Server(options);
  setup(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, server, close: () => server.forceShutdown() };
}

/** Records every message and the metadata of every call the server receives. */
export function recordingInterceptor() {
  const messages: { path: string; message: unknown }[] = [];
  const calls: { path: string; metadata: grpc.Metadata }[] = [];
  const interceptor: grpc.ServerInterceptor = (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new grpc.ServerListenerBuilder()
            .withOnReceiveMetadata((metadata, go) => {
              calls.push({ path: method.path, metadata });
              go(metadata);
            })
            .withOnReceiveMessage((message, go) => {
              messages.push({ path: method.path, message });
              go(message);
            })
            .build(),
        ),
    });
  return { interceptor, messages, calls };
}

export type Recorder = ReturnType<typeof recordingInterceptor>;

/** A server answering reflection for the shop protos (@grpc/reflection) that records what it receives. */
export async function startRecordedShopServer(): Promise<{
  server: RunningServer;
  recorder: Recorder;
}> {
  const recorder = recordingInterceptor();
  const server = await startServer(
    (s) => new ReflectionService(shopPackageDefinition()).addToServer(s),
    { interceptors: [recorder.interceptor] },
  );
  return { server, recorder };
}

/** The shop protos as proto-loader sees them, for @grpc/reflection's ReflectionService. */
export function shopPackageDefinition(): protoLoader.PackageDefinition {
  return protoLoader.loadSync(shopProtos, { includeDirs: [testdataDir], keepCase: true });
}

const reflectionProtoDir = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '../proto',
);

interface LoaderRequest {
  fileByFilename?: string;
  fileContainingSymbol?: string;
  listServices?: string;
}

export interface TerseServerOptions {
  version: 'v1' | 'v1alpha';
  /** Answer nothing, so the client's deadline has to end the call. */
  hang?: boolean;
  /** End the call with OK at the first request, without answering it. */
  endAtOnce?: boolean;
  /** Refuse calls without `authorization: Bearer <token>`. */
  requireToken?: string;
}

/**
 * A reflection service in the style of the C++ and Go servers' minimal answers: each reply holds only
 * the one file asked for, never its imports, so the client must fetch those by name. Written on
 * proto-loader and the reflection.proto shipped with @grpc/reflection, independent of the client's
 * own descriptors.
 */
export function addTerseReflection(
  server: grpc.Server,
  set: FileDescriptorSet,
  opts: TerseServerOptions,
): LoaderRequest[] {
  const requests: LoaderRequest[] = [];
  const pkg = protoLoader.loadSync(
    join(reflectionProtoDir, `grpc/reflection/${opts.version}/reflection.proto`),
    {
      oneofs: true,
    },
  );
  const service = (grpc.loadPackageDefinition(pkg).grpc as never)['reflection'][opts.version][
    'ServerReflection'
  ] as {
    service: grpc.ServiceDefinition;
  };
  const byName = new Map(set.file.map((f) => [f.name, f]));
  const bySymbol = new Map<string, string>();
  const services: string[] = [];
  for (const file of set.file) {
    const prefix = file.package ? `${file.package}.` : '';
    for (const s of file.service) {
      bySymbol.set(prefix + s.name, file.name);
      services.push(prefix + s.name);
    }
    for (const m of file.messageType) bySymbol.set(prefix + m.name, file.name);
  }
  const fileAnswer = (name: string | undefined) => {
    const file = name === undefined ? undefined : byName.get(name);
    return file
      ? {
          fileDescriptorResponse: {
            fileDescriptorProto: [Buffer.from(toBinary(FileDescriptorProtoSchema, file))],
          },
        }
      : { errorResponse: { errorCode: grpc.status.NOT_FOUND, errorMessage: `not found: ${name}` } };
  };
  server.addService(service.service, {
    ServerReflectionInfo: (call: grpc.ServerDuplexStream<LoaderRequest, object>) => {
      const auth = call.metadata.get('authorization')[0];
      if (opts.requireToken && auth !== `Bearer ${opts.requireToken}`) {
        call.emit('error', {
          code: grpc.status.UNAUTHENTICATED,
          details: 'missing or wrong bearer token',
        });
        return;
      }
      call.on('data', (request: LoaderRequest) => {
        requests.push(request);
        if (opts.hang) return;
        if (opts.endAtOnce) {
          call.end();
          return;
        }
        if (request.listServices !== undefined) {
          call.write({ listServicesResponse: { service: services.map((name) => ({ name })) } });
        } else if (request.fileContainingSymbol !== undefined) {
          call.write(fileAnswer(bySymbol.get(request.fileContainingSymbol)));
        } else {
          call.write(fileAnswer(request.fileByFilename));
        }
      });
      call.on('end', () => call.end());
    },
  });
  return requests;
}
