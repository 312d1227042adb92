// A capture serving TLS to its clients (the listener's certificate and key, as files) in front of
// a target reached over TLS (the connection's CA file): a real grpc-js client and server, both
// with certificates openssl made for this run.
import * as grpc from '@grpc/grpc-js';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { exampleStubs } from '../recording/recording.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

type Obj = Record<string, unknown>;

let certs: TestCerts;
let kit: EngineKit;
let server: grpc.Server;
let targetPort: number;

beforeAll(async () => {
  certs = makeTestCerts();
  kit = startEngineKit();
  server = new grpc.Server();
  const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
  server.addService(UserService.service, {
    GetUser: (call: grpc.ServerUnaryCall<Obj, Obj>, done: grpc.sendUnaryData<Obj>) =>
      done(null, { id: call.request['id'], name: 'over TLS' }),
  });
  const credentials = grpc.ServerCredentials.createSsl(null, [
    { cert_chain: Buffer.from(certs.server.cert), private_key: Buffer.from(certs.server.key) },
  ]);
  targetPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
});
afterAll(async () => {
  await kit?.close();
  server?.forceShutdown();
  certs?.cleanup();
});

it('serves TLS with the given certificate and reaches a TLS target with its CA', async () => {
  const capture = await kit.call('capture.start', {
    target: {
      address: `localhost:${targetPort}`,
      security: { kind: 'tls', caFile: path.join(certs.dir, 'ca.crt') },
    },
    tls: {
      certFile: path.join(certs.dir, 'server.crt'),
      keyFile: path.join(certs.dir, 'server.key'),
    },
  });
  expect(capture.tls).toBe(true);

  const UserService = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
  const client = new UserService(
    `localhost:${capture.port}`,
    grpc.credentials.createSsl(Buffer.from(certs.ca.cert)),
  ) as unknown as grpc.Client & {
    GetUser: (r: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => void;
  };
  const reply = await new Promise<Obj | undefined>((resolve, reject) =>
    client.GetUser({ id: '7' }, (e, r) => (e ? reject(e) : resolve(r))),
  );
  client.close();
  expect(reply?.['name']).toBe('over TLS');

  const ended = await kit.waitForEvent('capture.calls', (p) =>
    p.calls.some((c) => c.done && c.method === '/example.UserService/GetUser'),
  );
  expect(ended.calls[0]).toMatchObject({ sent: 1, received: 1, status: { codeName: 'OK' } });
  await kit.call('capture.stop', { captureId: capture.captureId });
});
