// Test helper: a real grpc-js server whose answers carry google.protobuf.Any payloads of types that
// live in a file the service's own file does not import (testdata/unknown-any/hidden.proto), the
// way gobgp packs its path attributes. A client given bag.proto alone does not know them.
import { create, createFileRegistry, toBinary, type FileRegistry } from '@bufbuild/protobuf';
import { anyPack, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { TimestampSchema } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { compileDescriptorSet } from './protoc.testkit.js';
import { googleRpcRegistry } from './rpc-registry.js';

export const unknownAnyDir = join(import.meta.dirname, 'testdata', 'unknown-any');
export const bagProto = join(unknownAnyDir, 'bag.proto');
export const hiddenProto = join(unknownAnyDir, 'hidden.proto');

/** The server's schema: bag.proto and hidden.proto (and the well-known files they import). */
export function fullRegistry(): FileRegistry {
  const bag = compileDescriptorSet(bagProto, unknownAnyDir);
  const hidden = compileDescriptorSet(hiddenProto, unknownAnyDir);
  const names = new Set(bag.file.map((f) => f.name));
  const set: FileDescriptorSet = {
    ...bag,
    file: [...bag.file, ...hidden.file.filter((f) => !names.has(f.name))],
  };
  return createFileRegistry(set);
}

/** The schema a client has with bag.proto only: Secret and Wrapper are unknown to it. */
export function bagOnlyRegistry(): FileRegistry {
  return createFileRegistry(compileDescriptorSet(bagProto, unknownAnyDir));
}

function schema(registry: FileRegistry, name: string) {
  const desc = registry.getMessage(name);
  if (!desc) throw new Error(`${name} missing from the test schema`);
  return desc;
}

/** Secret{code, level} packed in an Any. */
export function packedSecret(registry: FileRegistry, code: string, level: bigint) {
  return anyPack(
    schema(registry, 'gwb.hidden.Secret'),
    create(schema(registry, 'gwb.hidden.Secret'), { code, level }),
  );
}

/**
 * A Bag with unknown Anys everywhere one can sit: a field, a list (next to a known Timestamp), a
 * map value, inside a nested message, and an unknown Any inside another unknown Any.
 */
export function bagBytes(registry: FileRegistry, name = 'bag'): Uint8Array {
  const wrapper = schema(registry, 'gwb.hidden.Wrapper');
  const bag = schema(registry, 'gwb.anytest.Bag');
  const message = create(bag, {
    name,
    single: packedSecret(registry, 'alpha', 1n),
    many: [
      packedSecret(registry, 'beta', 2n),
      anyPack(TimestampSchema, create(TimestampSchema, { seconds: 1700000000n })),
    ],
    byKey: { k: packedSecret(registry, 'gamma', 3n) },
    inner: {
      label: 'in',
      deep: anyPack(
        wrapper,
        create(wrapper, { note: 'wrapped', nested: packedSecret(registry, 'delta', 4n) }),
      ),
    },
    count: 7n,
  });
  return toBinary(bag, message);
}

/** google.rpc.Status{code 9, "not now", details: [Secret, Timestamp]} as the trailer carries it. */
function failureStatus(registry: FileRegistry): Uint8Array {
  const status = googleRpcRegistry().getMessage('google.rpc.Status');
  if (!status) throw new Error('google.rpc.Status missing');
  return toBinary(
    status,
    create(status, {
      code: 9,
      message: 'not now',
      details: [
        packedSecret(registry, 'epsilon', 5n),
        anyPack(TimestampSchema, create(TimestampSchema, { seconds: 1700000000n })),
      ],
    }),
  );
}

export interface BagServer {
  address: string;
  close(): void;
}

/** Serves gwb.anytest.BagService: Get answers one Bag, Watch two. */
export async function startBagServer(): Promise<BagServer> {
  const registry = fullRegistry();
  const raw = {
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  };
  const server = new grpc.Server();
  server.addService(
    {
      Get: {
        path: '/gwb.anytest.BagService/Get',
        requestStream: false,
        responseStream: false,
        ...raw,
      },
      Fail: {
        path: '/gwb.anytest.BagService/Fail',
        requestStream: false,
        responseStream: false,
        ...raw,
      },
      Watch: {
        path: '/gwb.anytest.BagService/Watch',
        requestStream: false,
        responseStream: true,
        ...raw,
      },
    },
    {
      Get: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) =>
        done(null, Buffer.from(bagBytes(registry))),
      Fail: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
        const metadata = new grpc.Metadata();
        metadata.set('grpc-status-details-bin', Buffer.from(failureStatus(registry)));
        done({ code: grpc.status.FAILED_PRECONDITION, details: 'not now', metadata });
      },
      Watch: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        call.write(Buffer.from(bagBytes(registry, 'first')));
        call.write(Buffer.from(bagBytes(registry, 'second')));
        call.end();
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}
