// The mock serves gRPC-Web and Connect beside gRPC (issue 16 §1), with protocols 'all': a
// connect-node client (Connect JSON over HTTP/1.1, Connect binary and gRPC-Web over HTTP/2) gets the
// recorded answers, the same ones a gRPC client gets; without the option there are no such ports.
import { toJson } from '@bufbuild/protobuf';
import { createClient, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSchema, tempDir } from '../recording.testkit.js';
import { recordDemoCalls } from './demo-recordings.testkit.js';
import { startMockServer, type MockServer } from './index.js';

const tmp = tempDir();
const schema = exampleSchema();
let mock: MockServer;
let userFile: string;
let tailFile: string;

beforeAll(async () => {
  const files = await recordDemoCalls(tmp, [
    { name: 'user', method: '/example.UserService/GetUser', requests: [{ id: '3' }] },
    {
      name: 'tail',
      method: '/example.LogService/Tail',
      requests: [{ source: 'm', lines: 3, intervalMs: 1 }],
    },
  ]);
  userFile = files['user'] as string;
  tailFile = files['tail'] as string;
  mock = await startMockServer({
    recordings: [userFile, tailFile],
    speed: 'max',
    protocols: 'all',
  });
});

afterAll(async () => {
  await mock?.close();
  tmp.remove();
});

/** The messages the recording says the server sent. */
function recordedReceived(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { type?: string; message?: unknown })
    .filter((e) => e.type === 'received')
    .map((e) => e.message);
}

/** A connect-es client of a service known only by its descriptor: methods by local name. */
type Calls = Record<string, (request: object) => unknown>;
const clientOf = (...args: Parameters<typeof createClient>): Calls =>
  createClient(...args) as unknown as Calls;

const TRANSPORTS: { name: string; make: () => Transport }[] = [
  {
    name: 'Connect JSON over HTTP/1.1',
    make: () =>
      createConnectTransport({
        baseUrl: `http://127.0.0.1:${mock.webPorts!.http1}`,
        httpVersion: '1.1',
      }),
  },
  {
    name: 'Connect binary over HTTP/2',
    make: () =>
      createConnectTransport({
        baseUrl: `http://127.0.0.1:${mock.webPorts!.http2}`,
        httpVersion: '2',
        useBinaryFormat: true,
      }),
  },
  {
    name: 'gRPC-Web over HTTP/1.1',
    make: () =>
      createGrpcWebTransport({
        baseUrl: `http://127.0.0.1:${mock.webPorts!.http1}`,
        httpVersion: '1.1',
      }),
  },
];

describe.each(TRANSPORTS)('$name', ({ make }) => {
  it('gets the recorded unary answer and server stream', async () => {
    const users = clientOf(schema.registry.getService('example.UserService')!, make());
    const logs = clientOf(schema.registry.getService('example.LogService')!, make());
    const userOut = schema.registry.getMessage('example.User')!;
    const user = await users['getUser']!({ id: '3' });
    const recordedUser = recordedReceived(userFile);
    expect(recordedUser).toHaveLength(1);
    expect(toJson(userOut, user as never)).toEqual(recordedUser[0]);

    const lineOut = schema.registry.getService('example.LogService')!.methods[0]!.output;
    const lines: unknown[] = [];
    for await (const line of logs['tail']!({
      source: 'm',
      lines: 3,
      intervalMs: 1,
    }) as AsyncIterable<never>)
      lines.push(toJson(lineOut, line));
    expect(lines).toEqual(recordedReceived(tailFile));
    expect(lines).toHaveLength(3);
  });
});

it('without protocols all, the mock opens no gRPC-Web/Connect ports', async () => {
  const plain = await startMockServer({ recordings: [userFile], speed: 'max' });
  try {
    expect(plain.webPorts).toBeUndefined();
  } finally {
    await plain.close();
  }
});
