// Test helper: a real grpc-js server with reflection whose answer has maps of every key kind in
// unsorted order, a Struct, and an Any packing a type from a file (packed.proto) that the service's
// own file does not import: reflection knows it, a client with maps.proto alone does not.
import { create, createFileRegistry, toBinary, type FileRegistry } from '@bufbuild/protobuf';
import { anyPack, FileDescriptorProtoSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { join } from 'node:path';
import { compileDescriptorSet } from './protoc.testkit.js';

export const mapOrderDir = join(import.meta.dirname, 'testdata', 'map-order');
export const mapsProto = join(mapOrderDir, 'maps.proto');
export const packedProto = join(mapOrderDir, 'packed.proto');

/** The server's files: maps.proto, packed.proto and the well-known files they import. */
export function serverFiles(): FileDescriptorSet {
  const maps = compileDescriptorSet(mapsProto, mapOrderDir);
  const packed = compileDescriptorSet(packedProto, mapOrderDir);
  const names = new Set(maps.file.map((f) => f.name));
  return { ...maps, file: [...maps.file, ...packed.file.filter((f) => !names.has(f.name))] };
}

export function mapsOnlyRegistry(): FileRegistry {
  return createFileRegistry(compileDescriptorSet(mapsProto, mapOrderDir));
}

function message(registry: FileRegistry, name: string) {
  const desc = registry.getMessage(name);
  if (!desc) throw new Error(`${name} missing from the test schema`);
  return desc;
}

/** A Maps whose map keys are all out of order, as a server may send them (wire order is free). */
export function mapsBytes(registry: FileRegistry): Uint8Array {
  const maps = message(registry, 'gwb.maptest.Maps');
  const payload = message(registry, 'gwb.packed.Payload');
  const value = create(maps, {
    byName: { b: 'B', a: 'A', é: 'E-acute', Z: 'Z', '~': 'tilde' },
    byInt: { 5: 'five', 0: 'zero', 100: 'hundred', 3: 'three' },
    byLong: { '300': 'c', '7': 'a', '4294967296': 'big' },
    byUlong: { '18446744073709551615': 'max', '2': 'two', '10': 'ten' },
    byFlag: { true: 'yes', false: 'no' },
    children: { y: { byName: { q: '1', p: '2' } }, x: { byFlag: { true: 't', false: 'f' } } },
    // bufbuild takes a Struct field as a plain JSON object.
    doc: { zz: 1, aa: { k2: true, k1: 'v' } },
    packed: anyPack(
      payload,
      create(payload, { zeta: 'z', alpha: 1, counts: { b: 2, a: 1 }, mid: 'm' }),
    ),
    list: [{ byName: { d: '4', c: '3' } }],
    ghost: { typeUrl: 'type.googleapis.com/gwb.nowhere.Ghost', value: new Uint8Array([8, 1]) },
  });
  return toBinary(maps, value);
}

export interface MapServer {
  address: string;
  /** The symbols reflection was asked for (file_containing_symbol), in order. */
  symbolsAsked: string[];
  close(): void;
}

/**
 * Notes each reflection request's file_containing_symbol; those for a name in `unanswered` are
 * swallowed, so reflection never answers them (a server that hangs on a lookup).
 */
function symbolRecorder(asked: string[], unanswered: readonly string[]): grpc.ServerInterceptor {
  return (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next(
          new grpc.ServerListenerBuilder()
            .withOnReceiveMessage((message, go) => {
              const request = message as {
                fileContainingSymbol?: string;
                file_containing_symbol?: string;
              };
              const symbol = request.fileContainingSymbol ?? request.file_containing_symbol;
              if (method.path.includes('ServerReflection') && symbol) asked.push(symbol);
              if (!symbol || !unanswered.includes(symbol)) go(message);
            })
            .build(),
        ),
    });
}

/** Serves gwb.maptest.MapService/Get, and reflection (v1 and v1alpha) for every file it has. */
export async function startMapServer(
  opts: { unansweredSymbols?: readonly string[] } = {},
): Promise<MapServer> {
  const files = serverFiles();
  const registry = createFileRegistry(files);
  const symbolsAsked: string[] = [];
  const recorder = symbolRecorder(symbolsAsked, opts.unansweredSymbols ?? []);
  const server = new grpc.Server({ interceptors: [recorder] });
  const raw = {
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  };
  server.addService(
    {
      Get: {
        path: '/gwb.maptest.MapService/Get',
        requestStream: false,
        responseStream: false,
        ...raw,
      },
    },
    {
      Get: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) =>
        done(null, Buffer.from(mapsBytes(registry))),
    },
  );
  const fileDescriptorProtos = files.file.map((f) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, f)),
  );
  // ReflectionService reads only `fileDescriptorProtos` from each entry of the package definition.
  const pkg = { 'gwb.maptest.files': { fileDescriptorProtos } };
  new ReflectionService(pkg as unknown as protoLoader.PackageDefinition).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    symbolsAsked,
    close: () => server.forceShutdown(),
  };
}
