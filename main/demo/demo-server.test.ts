import { create, createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { decodeRichStatus } from './rich-status.js';

// Plain grpc-js clients built from proto-loader: the demo must work for any ordinary client.
const LOADER_OPTS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

type Ctor = new (address: string, creds: grpc.ChannelCredentials) => grpc.Client;
type AnyClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

const reflectionProtoDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '../proto/grpc/reflection',
);

let server: DemoServer;
const clients: grpc.Client[] = [];

function client(pkgFile: string[], service: string): AnyClient {
  const pkg = protoLoader.loadSync(pkgFile, {
    ...LOADER_OPTS,
    includeDirs: [resourcePath('protos')],
  });
  const ctor = grpc.loadPackageDefinition(pkg) as unknown as Record<string, unknown>;
  const Service = service
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], ctor) as Ctor;
  const c = new Service(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  clients.push(c);
  return c as AnyClient;
}

const example = (service: string): AnyClient =>
  client([resourcePath('protos', 'example.proto')], `example.${service}`);

function unary<T>(c: AnyClient, method: string, request: unknown, metadata = new grpc.Metadata()) {
  return new Promise<{
    error: grpc.ServiceError | null;
    value?: T;
    headers?: grpc.Metadata;
    trailers?: grpc.Metadata;
  }>((resolve) => {
    let headers: grpc.Metadata | undefined;
    let trailers: grpc.Metadata | undefined;
    const call = c[method]!(request, metadata, (error: grpc.ServiceError | null, value?: T) => {
      // The callback can fire before the 'status' event; wait a tick for trailers.
      setImmediate(() => resolve({ error, value, headers, trailers: trailers ?? error?.metadata }));
    }) as grpc.ClientUnaryCall;
    call.on('metadata', (md) => (headers = md));
    call.on('status', (s) => (trailers = s.metadata));
  });
}

beforeAll(async () => {
  server = await startDemoServer({});
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

describe('demo server', () => {
  it('GetUser answers known ids', async () => {
    const r = await unary<{ id: string; name: string; age: number }>(
      example('UserService'),
      'GetUser',
      { id: '1' },
    );
    expect(r.error).toBeNull();
    expect(r.value).toEqual({ id: '1', name: 'Ada Lovelace', age: 36 });
  });

  it('GetUser answers NOT_FOUND with a ResourceInfo detail', async () => {
    const r = await unary(example('UserService'), 'GetUser', { id: '999' });
    expect(r.error?.code).toBe(grpc.status.NOT_FOUND);
    expect(r.error?.details).toBe('user "999" not found');
    const bin = r.error?.metadata.get('grpc-status-details-bin')[0];
    expect(Buffer.isBuffer(bin)).toBe(true);
    const status = decodeRichStatus(bin as Buffer);
    expect(status.code).toBe(grpc.status.NOT_FOUND);
    expect(status.message).toBe('user "999" not found');
    expect(status.details).toHaveLength(1);
    expect(status.details[0]?.typeUrl).toBe('type.googleapis.com/google.rpc.ResourceInfo');
    expect(status.details[0]?.value).toMatchObject({
      resource_type: 'example.User',
      resource_name: 'users/999',
    });
  });

  it('GetUser rejects an empty id with a BadRequest detail', async () => {
    const r = await unary(example('UserService'), 'GetUser', {});
    expect(r.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    const status = decodeRichStatus(r.error?.metadata.get('grpc-status-details-bin')[0] as Buffer);
    expect(status.details[0]?.value).toEqual({
      field_violations: [{ field: 'id', description: 'must not be empty' }],
    });
  });

  it('echoes x-echo-* request headers as response headers and trailers', async () => {
    const md = new grpc.Metadata();
    md.add('x-echo-token', 'abc');
    md.add('x-other', 'not echoed');
    const r = await unary(example('UserService'), 'GetUser', { id: '2' }, md);
    expect(r.headers?.get('x-echo-token')).toEqual(['abc']);
    expect(r.headers?.get('x-other')).toEqual([]);
    expect(r.trailers?.get('x-echo-token')).toEqual(['abc']);
  });

  it('CheckFile looks names up in the virtual file table, int64 size intact', async () => {
    const c = example('FileService');
    const found = await unary(c, 'CheckFile', { filename: 'data/huge.bin' });
    expect(found.value).toEqual({ exists: true, size: '9007199254740993' });
    const missing = await unary(c, 'CheckFile', { filename: '/etc/passwd' });
    expect(missing.value).toEqual({ exists: false, size: '0' });
  });

  it('Chat greets each sender and ends when the client does', async () => {
    const call = example('ChatService').Chat!() as grpc.ClientDuplexStream<
      unknown,
      { sender: string; content: string }
    >;
    const received: { sender: string; content: string }[] = [];
    call.on('data', (m: { sender: string; content: string }) => received.push(m));
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.write({ sender: 'Ada', content: 'hi' });
    call.write({ sender: 'Alan', content: 'hello' });
    call.end();
    expect((await status).code).toBe(grpc.status.OK);
    expect(received).toEqual([
      { sender: 'Workbench', content: 'Hello, Ada!' },
      { sender: 'Workbench', content: 'Hello, Alan!' },
    ]);
  });

  it('Tail streams the asked number of lines with seq, time, cycling level and fields', async () => {
    const before = Date.now();
    const call = example('LogService').Tail!({
      source: 'app',
      lines: 5,
      interval_ms: 1,
    }) as grpc.ClientReadableStream<{
      seq: string;
      at: { seconds: string; nanos: number };
      level: string;
      text: string;
      fields: Record<string, string>;
    }>;
    const lines: {
      seq: string;
      at: { seconds: string };
      level: string;
      text: string;
      fields: Record<string, string>;
    }[] = [];
    call.on('data', (l) => lines.push(l));
    const status = await new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    expect(status.code).toBe(grpc.status.OK);
    expect(lines.map((l) => l.seq)).toEqual(['1', '2', '3', '4', '5']);
    expect(lines.map((l) => l.level)).toEqual(['DEBUG', 'INFO', 'WARN', 'ERROR', 'DEBUG']);
    expect(lines[0]?.text).toBe('app: line 1');
    expect(lines[0]?.fields.source).toBe('app');
    expect(Number(lines[0]?.at.seconds)).toBeGreaterThanOrEqual(Math.floor(before / 1000));
  });

  it('Tail with lines 0 streams until cancelled', async () => {
    const call = example('LogService').Tail!({
      lines: 0,
      interval_ms: 1,
    }) as grpc.ClientReadableStream<{ seq: string }>;
    call.on('error', () => undefined);
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    const seqs: string[] = [];
    await new Promise<void>((resolve) =>
      call.on('data', (l: { seq: string }) => {
        seqs.push(l.seq);
        if (seqs.length === 20) resolve();
      }),
    );
    call.cancel();
    expect((await status).code).toBe(grpc.status.CANCELLED);
    expect(seqs.slice(0, 3)).toEqual(['1', '2', '3']);
  });

  it('Tail rejects negative lines', async () => {
    const call = example('LogService').Tail!({ lines: -1 }) as grpc.ClientReadableStream<unknown>;
    call.on('data', () => undefined);
    call.on('error', () => undefined);
    const status = await new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('Upload sums the records it receives', async () => {
    const summary = new Promise<{ error: grpc.ServiceError | null; value?: unknown }>((resolve) => {
      const call = example('BatchService').Upload!(
        (error: grpc.ServiceError | null, value?: unknown) => resolve({ error, value }),
      ) as grpc.ClientWritableStream<unknown>;
      call.write({ key: 'a', number: 1.5 });
      call.write({ key: 'b', number: 2 });
      call.write({ key: 'c', text: 'héllo' });
      call.write({ key: 'd', blob: Buffer.from([1, 2, 3]), tags: ['x'] });
      call.end();
    });
    const r = await summary;
    expect(r.error).toBeNull();
    expect(r.value).toEqual({ count: 4, total: 3.5, bytes: '9', keys: ['a', 'b', 'c', 'd'] });
  });

  it('serves reflection v1 and v1alpha listing every service', async () => {
    for (const version of ['v1', 'v1alpha']) {
      const proto = path.join(reflectionProtoDir, version, 'reflection.proto');
      const c = client([proto], `grpc.reflection.${version}.ServerReflection`);
      const call = c.ServerReflectionInfo!() as grpc.ClientDuplexStream<
        unknown,
        { list_services_response?: { service: { name: string }[] } }
      >;
      const answer = new Promise<{ list_services_response?: { service: { name: string }[] } }>(
        (resolve) => call.once('data', resolve),
      );
      call.write({ list_services: '' });
      const names = (await answer).list_services_response?.service.map((s) => s.name);
      call.end();
      expect(names).toEqual(
        expect.arrayContaining([
          'example.UserService',
          'example.FileService',
          'example.ChatService',
          'example.LogService',
          'example.BatchService',
          'grpc.health.v1.Health',
        ]),
      );
    }
  });

  it('serves reflection descriptors as protoc writes them: imports declared, names fully qualified', async () => {
    const proto = path.join(reflectionProtoDir, 'v1', 'reflection.proto');
    const c = client([proto], 'grpc.reflection.v1.ServerReflection');
    const call = c.ServerReflectionInfo!() as grpc.ClientDuplexStream<
      unknown,
      { file_descriptor_response?: { file_descriptor_proto: Buffer[] } }
    >;
    const answer = new Promise<{ file_descriptor_response?: { file_descriptor_proto: Buffer[] } }>(
      (resolve) => call.once('data', resolve),
    );
    call.write({ file_containing_symbol: 'example.LogService' });
    const files = (await answer).file_descriptor_response?.file_descriptor_proto ?? [];
    call.end();
    const decoded = files.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
    expect(decoded.map((f) => f.name).sort()).toEqual([
      'example.proto',
      'google/protobuf/timestamp.proto',
    ]);
    expect(decoded.find((f) => f.name === 'example.proto')?.dependency).toEqual([
      'google/protobuf/timestamp.proto',
    ]);
    // A strict registry (what real clients build) accepts them.
    const registry = createFileRegistry(
      create(FileDescriptorSetSchema, { file: decoded.reverse() }),
    );
    expect(registry.getMessage('example.LogLine')?.field.at?.message?.typeName).toBe(
      'google.protobuf.Timestamp',
    );
  });

  it('leaves reflection out when asked to', async () => {
    const bare = await startDemoServer({ reflection: false });
    const proto = path.join(reflectionProtoDir, 'v1', 'reflection.proto');
    const pkg = protoLoader.loadSync(proto, LOADER_OPTS);
    const ns = grpc.loadPackageDefinition(pkg) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: Ctor } } };
    };
    const c = new ns.grpc.reflection.v1.ServerReflection(
      `127.0.0.1:${bare.port}`,
      grpc.credentials.createInsecure(),
    ) as AnyClient;
    const call = c.ServerReflectionInfo!() as grpc.ClientDuplexStream<unknown, unknown>;
    call.on('data', () => undefined);
    call.on('error', () => undefined);
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.write({ list_services: '' });
    call.end();
    expect((await status).code).toBe(grpc.status.UNIMPLEMENTED);
    c.close();
    await bare.close();
  });

  it('can require an authorization header on every call but health checks', async () => {
    const guarded = await startDemoServer({ requireAuthorization: 'Bearer t0k3n' });
    const pkg = protoLoader.loadSync(resourcePath('protos', 'example.proto'), LOADER_OPTS);
    const ns = grpc.loadPackageDefinition(pkg) as unknown as { example: { UserService: Ctor } };
    const c = new ns.example.UserService(
      `127.0.0.1:${guarded.port}`,
      grpc.credentials.createInsecure(),
    ) as AnyClient;
    const { protoPath } = await import('grpc-health-check');
    const hpkg = protoLoader.loadSync(protoPath, LOADER_OPTS);
    const hns = grpc.loadPackageDefinition(hpkg) as unknown as {
      grpc: { health: { v1: { Health: Ctor } } };
    };
    const h = new hns.grpc.health.v1.Health(
      `127.0.0.1:${guarded.port}`,
      grpc.credentials.createInsecure(),
    ) as AnyClient;
    try {
      const none = await unary(c, 'GetUser', { id: '1' });
      expect(none.error?.code).toBe(grpc.status.UNAUTHENTICATED);
      expect(none.error?.details).toBe('missing authorization header');
      const md = new grpc.Metadata();
      md.set('authorization', 'Bearer t0k3n');
      expect((await unary(c, 'GetUser', { id: '1' }, md)).value).toMatchObject({
        name: 'Ada Lovelace',
      });
      expect((await unary(h, 'Check', { service: '' })).value).toEqual({ status: 'SERVING' });
    } finally {
      c.close();
      h.close();
      await guarded.close();
    }
  });

  it('serves the standard health service', async () => {
    const { protoPath } = await import('grpc-health-check');
    const c = client([protoPath], 'grpc.health.v1.Health');
    expect((await unary(c, 'Check', { service: '' })).value).toEqual({ status: 'SERVING' });
    expect((await unary(c, 'Check', { service: 'example.ChatService' })).value).toEqual({
      status: 'SERVING',
    });
    expect((await unary(c, 'Check', { service: 'nope.Service' })).error?.code).toBe(
      grpc.status.NOT_FOUND,
    );
  });
});
