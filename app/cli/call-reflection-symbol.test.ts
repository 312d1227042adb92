import * as grpc from '@grpc/grpc-js';
import { create } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { ReflectionService } from '@grpc/reflection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDescriptorSet } from '../../main/codec/protoc.testkit.js';
import {
  addTerseReflection,
  recordingInterceptor,
  shopPackageDefinition,
  startServer,
  testdataDir,
  type RunningServer,
} from '../../main/reflection/reflection-servers.testkit.js';
import { gwb } from './cli.testkit.js';

// A call over reflection asks, as grpcurl, for the file of its service (file_containing_symbol)
// and the imports the server did not send along — never the service list and every listed
// service's files (a round trip and a registry per service before). Real grpc-js servers: one with
// @grpc/reflection (imports sent along), one answering only the file asked for (imports by name).

const raw = (b: Buffer): Buffer => b;
/** shop.v1.Item{title: "lamp", price: {currency_code: "EUR"}}: its Money is in an imported file. */
const ITEM = Buffer.from([
  0x12,
  4,
  ...Buffer.from('lamp'),
  0x1a,
  5,
  0x0a,
  3,
  ...Buffer.from('EUR'),
]);

function addCatalog(server: grpc.Server): void {
  server.addService(
    {
      GetItem: {
        path: '/shop.v1.Catalog/GetItem',
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    { GetItem: (_call: unknown, done: grpc.sendUnaryData<Buffer>) => done(null, ITEM) },
  );
}

const shopSet = () => {
  const shop = compileDescriptorSet(`${testdataDir}/shop/v1/shop.proto`, testdataDir);
  const admin = compileDescriptorSet(`${testdataDir}/shop/v1/admin.proto`, testdataDir);
  const files = [
    ...shop.file,
    ...admin.file.filter((f) => !shop.file.some((s) => s.name === f.name)),
  ];
  return create(FileDescriptorSetSchema, { file: files });
};

let bundling: RunningServer;
let recorder: ReturnType<typeof recordingInterceptor>;
let terse: RunningServer;
let terseAsked: Record<string, string | undefined>[];

beforeAll(async () => {
  recorder = recordingInterceptor();
  bundling = await startServer(
    (s) => {
      new ReflectionService(shopPackageDefinition()).addToServer(s);
      addCatalog(s);
    },
    { interceptors: [recorder.interceptor] },
  );
  terse = await startServer((s) => {
    terseAsked = addTerseReflection(s, shopSet(), { version: 'v1' }) as typeof terseAsked;
    addCatalog(s);
  });
});

afterAll(() => {
  bundling.close();
  terse.close();
});

const expected = '{\n  "title": "lamp",\n  "price": {\n    "currencyCode": "EUR"\n  }\n}\n';

describe('a call over reflection asks for its own service only', () => {
  it("asks for the service's file, not the service list", async () => {
    recorder.messages.length = 0;
    const run = await gwb(['-plaintext', bundling.address, 'shop.v1.Catalog/GetItem']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    const asked = recorder.messages
      .filter((m) => m.path.includes('ServerReflection'))
      .map((m) => JSON.stringify(m.message));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('fileContainingSymbol');
    expect(asked[0]).toContain('"shop.v1.Catalog"');
  });

  it('fetches by name the imports a server does not send along', async () => {
    terseAsked.length = 0;
    const run = await gwb(['-plaintext', terse.address, 'shop.v1.Catalog.GetItem']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    expect(terseAsked[0]?.fileContainingSymbol).toBe('shop.v1.Catalog');
    expect(terseAsked.some((r) => r.listServices !== undefined)).toBe(false);
    const byName = terseAsked.map((r) => r.fileByFilename).filter(Boolean);
    expect(byName).toContain('shop/v1/types.proto');
    expect(byName).toContain('common/money.proto');
    expect(byName).not.toContain('shop/v1/admin.proto');
  });

  it('a service the server does not have fails as before, naming the ones it has', async () => {
    const run = await gwb(['-plaintext', bundling.address, 'shop.v1.Nope/Get']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('service shop.v1.Nope not found');
    expect(run.stderr).toContain('shop.v1.admin.Admin');
  });
});

describe('describe SYMBOL over reflection asks for that symbol only', () => {
  const reflectionAsked = () =>
    recorder.messages
      .filter((m) => m.path.includes('ServerReflection'))
      .map((m) => JSON.stringify(m.message));

  it("asks for the symbol's file, not the service list", async () => {
    recorder.messages.length = 0;
    const run = await gwb(['-plaintext', bundling.address, 'describe', 'shop.v1.Item']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('message Item {');
    expect(run.stdout).toContain('.common.Money price = 3;');
    expect(reflectionAsked()).toHaveLength(1);
    expect(reflectionAsked()[0]).toContain('"shop.v1.Item"');
  });

  it('describes a method, asked for by its own name or found among the services', async () => {
    const run = await gwb(['-plaintext', terse.address, 'describe', 'shop.v1.Catalog.GetItem']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'rpc GetItem ( .shop.v1.GetItemRequest ) returns ( .shop.v1.Item );',
    );
  });

  it('a symbol the server does not have fails as before', async () => {
    const run = await gwb(['-plaintext', bundling.address, 'describe', 'shop.v1.Nope']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('symbol shop.v1.Nope not found');
  });
});
