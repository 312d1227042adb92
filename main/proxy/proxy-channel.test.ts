import * as grpc from '@grpc/grpc-js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import { ChannelPool, channelKey, toChannelConfig } from '../channels/index.js';
import type { Connection } from '../../shared/request/connection.js';
import { startTinyproxy, type Tinyproxy } from './tinyproxy.testkit.js';

// The channel through the proxy is the channel to the server: :authority and TLS name the server
// (not the proxy grpc-js dials), and the pool keeps proxied and direct channels apart.

const bytes = (b: Buffer): Buffer => b;
const ECHO = {
  path: '/test.Echo/Echo',
  requestStream: false,
  responseStream: false,
  requestSerialize: bytes,
  requestDeserialize: bytes,
  responseSerialize: bytes,
  responseDeserialize: bytes,
} as const;

interface EchoServer {
  port: number;
  /** The :authority of every call, in order. */
  authorities: string[];
  server: grpc.Server;
}

async function startEcho(credentials: grpc.ServerCredentials): Promise<EchoServer> {
  const server = new grpc.Server();
  const authorities: string[] = [];
  server.addService(
    { Echo: ECHO },
    {
      Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
        authorities.push(call.getHost());
        done(null, call.request);
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { port, authorities, server };
}

function echo(client: grpc.Client): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(ECHO.path, bytes, bytes, Buffer.from('hi'), (e, r) =>
      e || !r ? reject(e ?? new Error('no response')) : resolve(r),
    ),
  );
}

let plain: EchoServer;
let secure: EchoServer;
let certs: TestCerts;
let proxy: Tinyproxy;
const pool = new ChannelPool();

beforeAll(async () => {
  certs = makeTestCerts();
  plain = await startEcho(grpc.ServerCredentials.createInsecure());
  secure = await startEcho(
    grpc.ServerCredentials.createSsl(null, [
      { cert_chain: Buffer.from(certs.server.cert), private_key: Buffer.from(certs.server.key) },
    ]),
  );
  proxy = await startTinyproxy();
});

afterAll(async () => {
  pool.close();
  plain?.server.forceShutdown();
  secure?.server.forceShutdown();
  await proxy?.close();
  certs?.cleanup();
});

describe('a channel through the proxy', () => {
  it('sends the server’s :authority, not the proxy’s', async () => {
    const connection: Connection = {
      address: `127.0.0.1:${plain.port}`,
      security: { kind: 'plaintext' },
      proxy: { url: proxy.url },
    };
    const config = toChannelConfig(connection, { env: {} });
    expect((await echo(pool.get(config))).toString()).toBe('hi');
    expect(plain.authorities).toEqual([`127.0.0.1:${plain.port}`]);
    expect(proxy.connects()).toEqual([`127.0.0.1:${plain.port}`]);
  });

  it('speaks TLS to the server through the tunnel, checked against the server’s name', async () => {
    const ca = path.join(certs.dir, 'ca.pem');
    writeFileSync(ca, certs.ca.cert);
    const config = toChannelConfig(
      {
        address: `localhost:${secure.port}`,
        security: { kind: 'tls', caFile: ca },
        proxy: { url: proxy.url },
      },
      { env: {} },
    );
    expect((await echo(pool.get(config))).toString()).toBe('hi');
    expect(secure.authorities).toEqual([`localhost:${secure.port}`]);
    expect(proxy.connects()).toContain(`localhost:${secure.port}`);
  });
});

describe('the pool key', () => {
  it('tells proxied and direct channels apart, and never holds the proxy password', () => {
    const base: Connection = { address: 'api.test:443', security: { kind: 'plaintext' } };
    const direct = channelKey(toChannelConfig(base, { env: {} }));
    const proxied = channelKey(
      toChannelConfig(
        { ...base, proxy: { url: 'corp:3128', username: 'u', password: 'hunter2-pw' } },
        { env: {} },
      ),
    );
    const otherPassword = channelKey(
      toChannelConfig(
        { ...base, proxy: { url: 'corp:3128', username: 'u', password: 'other-pw' } },
        { env: {} },
      ),
    );
    expect(new Set([direct, proxied, otherPassword]).size).toBe(3);
    expect(proxied).not.toContain('hunter2-pw');
    // The environment's proxy is resolved into the key too.
    expect(
      channelKey(toChannelConfig(base, { env: { https_proxy: 'http://corp:3128' } })),
    ).not.toBe(direct);
  });
});
