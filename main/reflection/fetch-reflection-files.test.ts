import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { create } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { createMessageCodec } from '../codec/index.js';
import { compileDescriptorSet } from '../codec/protoc.testkit.js';
import { loadProtoFiles, schemaFromFileDescriptors } from '../schema/index.js';
import { fetchReflectionFiles, ReflectionError } from './index.js';
import {
  addTerseReflection,
  recordingInterceptor,
  shopPackageDefinition,
  startServer,
  testdataDir,
  type RunningServer,
} from './reflection-servers.testkit.js';

const codecTestdata = `${import.meta.dirname}/../codec/testdata`;

const shopSet = () => {
  const shop = compileDescriptorSet(`${testdataDir}/shop/v1/shop.proto`, testdataDir);
  const admin = compileDescriptorSet(`${testdataDir}/shop/v1/admin.proto`, testdataDir);
  const files = [
    ...shop.file,
    ...admin.file.filter((f) => !shop.file.some((s) => s.name === f.name)),
  ];
  return create(FileDescriptorSetSchema, { file: files });
};

let servers: RunningServer[] = [];
const clients: grpc.Client[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers) server.close();
  servers = [];
});

async function serve(setup: (server: grpc.Server) => void, options?: grpc.ServerOptions) {
  const running = await startServer(setup, options);
  servers.push(running);
  const client = new grpc.Client(running.address, grpc.credentials.createInsecure());
  clients.push(client);
  return { ...running, client };
}

async function reflectionFailure(run: Promise<unknown>): Promise<ReflectionError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReflectionError);
  return err as ReflectionError;
}

describe('fetchReflectionFiles against @grpc/reflection', () => {
  it('loads a multi-file schema over v1 that the codec can use, sending the metadata given', async () => {
    const recorder = recordingInterceptor();
    const { client } = await serve(
      (s) => new ReflectionService(shopPackageDefinition()).addToServer(s),
      {
        interceptors: [recorder.interceptor],
      },
    );
    const result = await fetchReflectionFiles(client, {
      metadata: [{ key: 'x-api-key', value: 'k1' }],
      deadlineMs: 5000,
    });

    expect(result.version).toBe('v1');
    expect([...result.services].sort()).toEqual([
      'shop.v1.Catalog',
      'shop.v1.Orders',
      'shop.v1.admin.Admin',
    ]);
    expect(recorder.calls.map((c) => [c.path, c.metadata.get('x-api-key')])).toEqual([
      ['/grpc.reflection.v1.ServerReflection/ServerReflectionInfo', ['k1']],
    ]);
    // This server sends every import along, so nothing is asked for by file name and nothing twice.
    const asked = recorder.messages.map((m) => JSON.stringify(m.message));
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.some((m) => m.includes('fileByFilename'))).toBe(false);
    expect(asked.length).toBeLessThanOrEqual(3);

    // Its descriptors name types relatively, list no imports and bundle the well-known types in a
    // file of its own; they must still make a schema, also together with local .proto files.
    const names = result.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining(['google/protobuf/empty.proto', 'google/protobuf/timestamp.proto']),
    );
    expect(names).not.toContain('google_protobuf.proto');
    const local = loadProtoFiles({ files: ['codec_test.proto'], importPaths: [codecTestdata] });
    expect(() =>
      schemaFromFileDescriptors([...result.files, ...local.files], 'both'),
    ).not.toThrow();
    const schema = schemaFromFileDescriptors(result.files, 'reflection');
    const order = createMessageCodec(schema.registry, 'shop.v1.Order');
    const json = {
      id: 'o1',
      items: [
        {
          id: 'i1',
          price: { currency_code: 'EUR', units: '9007199254740993' },
          listed_at: '2024-01-02T03:04:05Z',
        },
      ],
      state: 'SHIPPED',
    };
    expect(order.decode(order.encode(json))).toEqual({
      id: 'o1',
      items: [
        {
          id: 'i1',
          price: { currencyCode: 'EUR', units: '9007199254740993' },
          listedAt: '2024-01-02T03:04:05Z',
        },
      ],
      state: 'SHIPPED',
    });
  });

  it('falls back to v1alpha when the server does not implement v1', async () => {
    const service = new ReflectionService(shopPackageDefinition()) as unknown as {
      v1Alpha: { addToServer(server: grpc.Server): void };
    };
    const { client } = await serve((s) => service.v1Alpha.addToServer(s));
    const result = await fetchReflectionFiles({ client });
    expect(result.version).toBe('v1alpha');
    expect(result.services).toContain('shop.v1.Catalog');
    expect(
      schemaFromFileDescriptors(result.files, 'reflection').registry.getService('shop.v1.Catalog'),
    ).toBeDefined();
  });

  it('fetches only what the given symbols need', async () => {
    const { client } = await serve((s) =>
      new ReflectionService(shopPackageDefinition()).addToServer(s),
    );
    const result = await fetchReflectionFiles(client, { symbols: ['shop.v1.Orders'] });
    expect(result.services).toHaveLength(3);
    const schema = schemaFromFileDescriptors(result.files, 'reflection');
    expect(schema.registry.getService('shop.v1.Orders')).toBeDefined();
    expect(schema.registry.getService('shop.v1.admin.Admin')).toBeUndefined();
  });

  it('names the symbol the server could not find', async () => {
    const { client } = await serve((s) =>
      new ReflectionService(shopPackageDefinition()).addToServer(s),
    );
    const err = await reflectionFailure(
      fetchReflectionFiles(client, { symbols: ['shop.v1.Nope'] }),
    );
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain('shop.v1.Nope');
    expect(err.message).toContain('NOT_FOUND');
  });
});

describe('fetchReflectionFiles against a terse server (one file per answer)', () => {
  it('asks for each import by name, each file exactly once', async () => {
    let requests: object[] = [];
    const { client } = await serve(
      (s) => (requests = addTerseReflection(s, shopSet(), { version: 'v1' })),
    );
    const result = await fetchReflectionFiles(client);

    expect(result.files.map((f) => f.name).sort()).toEqual([
      'common/money.proto',
      'google/protobuf/empty.proto',
      'google/protobuf/timestamp.proto',
      'shop/v1/admin.proto',
      'shop/v1/shop.proto',
      'shop/v1/types.proto',
    ]);
    // Imports come before the files that import them.
    const position = new Map(result.files.map((f, i) => [f.name, i]));
    for (const file of result.files)
      for (const dep of file.dependency)
        expect(position.get(dep)!).toBeLessThan(position.get(file.name)!);
    // 1 list + 2 symbols (Catalog's file also holds Orders) + 4 files by name.
    const asked = requests.map((r) => JSON.stringify(r));
    expect(asked).toHaveLength(7);
    expect(new Set(asked).size).toBe(7);
    expect(asked.filter((r) => r.includes('fileContainingSymbol'))).toHaveLength(2);
  });

  it('falls back to v1alpha and carries the auth header on it', async () => {
    const { client } = await serve((s) =>
      addTerseReflection(s, shopSet(), { version: 'v1alpha', requireToken: 's3cret' }),
    );
    const result = await fetchReflectionFiles(client, {
      metadata: [{ key: 'authorization', value: 'Bearer s3cret' }],
    });
    expect(result.version).toBe('v1alpha');
    expect(result.files).toHaveLength(6);

    const err = await reflectionFailure(fetchReflectionFiles(client));
    expect(err.kind).toBe('transport');
    expect(err.grpcCode).toBe(grpc.status.UNAUTHENTICATED);
    expect(err.message).toContain('missing or wrong bearer token');
  });

  it('uses the built-in well-known files when the server does not serve them', async () => {
    const set = shopSet();
    set.file = set.file.filter((f) => !f.name.startsWith('google/'));
    const { client } = await serve((s) => addTerseReflection(s, set, { version: 'v1' }));
    const result = await fetchReflectionFiles(client);
    const schema = schemaFromFileDescriptors(result.files, 'reflection');
    expect(schema.registry.getMessage('google.protobuf.Timestamp')).toBeDefined();
  });

  it('names a missing import and the file that imports it', async () => {
    const set = shopSet();
    set.file = set.file.filter((f) => f.name !== 'common/money.proto');
    const { client } = await serve((s) => addTerseReflection(s, set, { version: 'v1' }));
    const err = await reflectionFailure(fetchReflectionFiles(client));
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain('file common/money.proto (imported by shop/v1/types.proto)');
  });

  it('reports a server that ends the stream without answering', async () => {
    const { client } = await serve((s) =>
      addTerseReflection(s, shopSet(), { version: 'v1', endAtOnce: true }),
    );
    const err = await reflectionFailure(fetchReflectionFiles(client, { deadlineMs: 5000 }));
    expect(err.kind).toBe('transport');
    expect(err.message).toMatch(/closed the reflection stream before answering/);
  });

  it('gives up at the deadline', async () => {
    const { client } = await serve((s) =>
      addTerseReflection(s, shopSet(), { version: 'v1', hang: true }),
    );
    const started = Date.now();
    const err = await reflectionFailure(fetchReflectionFiles(client, { deadlineMs: 300 }));
    expect(err.kind).toBe('deadline');
    expect(err.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('fetchReflectionFiles failures', () => {
  it('says reflection is not available and what to use instead', async () => {
    const catalog = grpc.loadPackageDefinition(
      protoLoader.loadSync('shop/v1/shop.proto', { includeDirs: [testdataDir] }),
    ) as unknown as { shop: { v1: { Catalog: { service: grpc.ServiceDefinition } } } };
    const { client } = await serve((s) => s.addService(catalog.shop.v1.Catalog.service, {}));
    const err = await reflectionFailure(fetchReflectionFiles(client));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/server reflection is not available/);
    expect(err.message).toMatch(/-proto\b/);
    expect(err.message).toMatch(/-protoset/);
  });

  it('reports an unreachable server', async () => {
    const { client, close } = await serve(() => undefined);
    close();
    const err = await reflectionFailure(fetchReflectionFiles(client, { deadlineMs: 5000 }));
    expect(err.kind).toBe('transport');
    expect(err.message).toMatch(/UNAVAILABLE/);
  });

  it('rejects bad metadata before calling', async () => {
    const { client } = await serve(() => undefined);
    await expect(
      fetchReflectionFiles(client, { metadata: [{ key: 'Bad Key', value: 'x' }] }),
    ).rejects.toThrow(/Bad Key/);
  });
});
