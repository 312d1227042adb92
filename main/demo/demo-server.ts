import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import path from 'node:path';
import { resourcePath } from '../resources.js';
import { loadProtoFiles } from '../schema/index.js';
import { chat, checkFile, getUser, tail, upload } from './handlers.js';
import { requireAuthorization } from './require-authorization.js';
import { shutdownServer } from '../platform/shutdown-server.js';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default: the demo is for the local user, not the network. `unix:/path` listens on a socket. */
  host?: string;
  /** Serve reflection v1 and v1alpha (default true); off to test clients that bring their own protos. */
  reflection?: boolean;
  /** Answer UNAUTHENTICATED to calls (reflection included, health not) without this `authorization` value. */
  requireAuthorization?: string;
  /** Serve TLS with this certificate instead of plain text. */
  tls?: DemoTls;
}

export interface DemoTls {
  /** PEM certificate chain and private key of the server. */
  cert: string;
  key: string;
  /** PEM CA: when given, clients must present a certificate it signed (mTLS). */
  clientCa?: string;
}

function serverCredentials(tls: DemoTls | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    tls.clientCa === undefined ? null : Buffer.from(tls.clientCa),
    [{ cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) }],
    tls.clientCa !== undefined,
  );
}

export interface DemoServer {
  port: number;
  close(): Promise<void>;
}

export const DEMO_SERVICES = [
  'example.UserService',
  'example.FileService',
  'example.ChatService',
  'example.LogService',
  'example.BatchService',
] as const;

function loadDefinitions(): protoLoader.PackageDefinition {
  return protoLoader.loadSync([resourcePath('protos', 'example.proto')], {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [resourcePath('protos')],
  });
}

/**
 * What reflection serves. proto-loader's own descriptors have no imports and relative type names
 * (`google.protobuf.Timestamp`, `Level`), which strict clients reject, so reflection gets the
 * descriptors our schema loader builds, as protoc would write them.
 */
function reflectionPackage(): protoLoader.PackageDefinition {
  const schema = loadProtoFiles({
    files: ['example.proto', 'health/v1/health.proto'],
    importPaths: [resourcePath('protos'), path.resolve(path.dirname(healthProtoPath), '../..')],
  });
  const fileDescriptorProtos = schema.files.map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file)),
  );
  // ReflectionService reads only `fileDescriptorProtos` from each entry of the package definition.
  return { 'gwb.demo.files': { fileDescriptorProtos } } as unknown as protoLoader.PackageDefinition;
}

function serviceDefinition(
  pkg: protoLoader.PackageDefinition,
  name: string,
): grpc.ServiceDefinition {
  const def = pkg[name];
  // Message types carry a `format` field; services are plain maps of methods.
  if (!def || 'format' in def) {
    throw new Error(`demo proto does not define service ${name}`);
  }
  return def as grpc.ServiceDefinition;
}

/** Starts the embedded demo server: the example.proto services, reflection v1/v1alpha and health. */
export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const pkg = loadDefinitions();
  const server = new grpc.Server(
    opts.requireAuthorization === undefined
      ? {}
      : { interceptors: [requireAuthorization(opts.requireAuthorization)] },
  );
  server.addService(serviceDefinition(pkg, 'example.UserService'), { GetUser: getUser });
  server.addService(serviceDefinition(pkg, 'example.FileService'), { CheckFile: checkFile });
  server.addService(serviceDefinition(pkg, 'example.ChatService'), { Chat: chat });
  server.addService(serviceDefinition(pkg, 'example.LogService'), { Tail: tail });
  server.addService(serviceDefinition(pkg, 'example.BatchService'), { Upload: upload });
  if (opts.reflection !== false) new ReflectionService(reflectionPackage()).addToServer(server);
  const health = new HealthImplementation({ '': 'SERVING' });
  for (const name of DEMO_SERVICES) health.setStatus(name, 'SERVING');
  health.addToServer(server);

  const host = opts.host ?? '127.0.0.1';
  const address = host.startsWith('unix:')
    ? host
    : host.includes(':') && !host.startsWith('[')
      ? `[${host}]:${opts.port ?? 0}`
      : `${host}:${opts.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, serverCredentials(opts.tls), (error, bound) => {
      if (error) reject(new Error(`demo server cannot listen on ${address}: ${error.message}`));
      else resolve(bound);
    });
  });

  return {
    port,
    close: () => shutdownServer(server),
  };
}
