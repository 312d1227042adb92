// gwb -protocol grpcweb -protocol-format text (gwb's own flags): the call goes as
// application/grpc-web-text to a connect-node server (its text front), over HTTP/2 and with -http1.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { closeProtocolConnections } from '../../main/transports/index.js';
import {
  startProtocolServers,
  type ProtocolServers,
} from '../../main/transports/protocols.testkit.js';
import { callGetUser } from './get-user-call.testkit.js';

let demo: DemoServer;
let servers: ProtocolServers;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  servers = await startProtocolServers(`127.0.0.1:${demo.port}`);
});

afterAll(async () => {
  closeProtocolConnections();
  await servers?.close();
  await demo?.close();
});

it.each([
  {
    name: 'HTTP/2',
    extra: [] as string[],
    address: () => servers.http2,
    gateway: () => servers.gateways.http2,
  },
  {
    name: 'HTTP/1.1',
    extra: ['-http1'],
    address: () => servers.http1,
    gateway: () => servers.gateways.http1,
  },
])('calls in grpc-web-text over $name', async ({ extra, address, gateway }) => {
  gateway().requests.length = 0;
  const result = await callGetUser(
    address(),
    '-plaintext',
    '-protocol',
    'grpcweb',
    '-protocol-format',
    'text',
    ...extra,
  );
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ id: '1' });
  expect(gateway().requests[0]?.contentType).toBe('application/grpc-web-text+proto');
});
