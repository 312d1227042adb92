// A failed reflection load says which kind of failure it was (in the error and in the details that
// cross the wire), so a client can offer the next step: .proto files, TLS/plaintext, Retry.
import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { createServer, type AddressInfo } from 'node:net';
import * as protoLoader from '@grpc/proto-loader';
import { fetchReflectionFiles, ReflectionError } from './index.js';
import { startServer, testdataDir, type RunningServer } from './reflection-servers.testkit.js';

const servers: RunningServer[] = [];
const clients: grpc.Client[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) server.close();
});

function client(address: string, credentials = grpc.credentials.createInsecure()): grpc.Client {
  const c = new grpc.Client(address, credentials);
  clients.push(c);
  return c;
}

async function failureOf(run: Promise<unknown>): Promise<ReflectionError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReflectionError);
  return err as ReflectionError;
}

/** A plaintext server with one service and no reflection. */
async function serverWithoutReflection(): Promise<RunningServer> {
  const catalog = grpc.loadPackageDefinition(
    protoLoader.loadSync('shop/v1/shop.proto', { includeDirs: [testdataDir] }),
  ) as unknown as { shop: { v1: { Catalog: { service: grpc.ServiceDefinition } } } };
  const running = await startServer((s) => s.addService(catalog.shop.v1.Catalog.service, {}));
  servers.push(running);
  return running;
}

describe('the kind of a failed reflection load', () => {
  it('is unreachable when nothing listens, with grpc-js text kept as the raw detail', async () => {
    const closed = await startServer(() => undefined);
    closed.close();
    const err = await failureOf(fetchReflectionFiles(client(closed.address), { deadlineMs: 5000 }));
    expect(err.failure).toBe('unreachable');
    expect(err.rawMessage).toMatch(/ECONNREFUSED|refused/);
    expect(err.toData().details).toMatchObject({ kind: 'transport', failure: 'unreachable' });
  });

  it('is unimplemented when the server has no reflection service', async () => {
    const { address } = await serverWithoutReflection();
    const err = await failureOf(fetchReflectionFiles(client(address)));
    expect(err.failure).toBe('unimplemented');
    expect(err.toData().details).toMatchObject({ failure: 'unimplemented' });
  });

  it('is tls_mismatch when TLS is spoken to a plaintext server', async () => {
    const { address } = await serverWithoutReflection();
    const tls = client(address, grpc.credentials.createSsl());
    const err = await failureOf(fetchReflectionFiles(tls, { deadlineMs: 5000 }));
    expect(err.failure).toBe('tls_mismatch');
  });

  it('is deadline when the load outlives its deadline, with the deadline in the details', async () => {
    // A listener that accepts and never answers: the load can only end at its deadline.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const err = await failureOf(
        fetchReflectionFiles(client(`127.0.0.1:${port}`), { deadlineMs: 300 }),
      );
      expect(err.failure).toBe('deadline');
      expect(err.toData().details).toMatchObject({ failure: 'deadline', deadlineMs: 300 });
    } finally {
      silent.close();
    }
  });
});
