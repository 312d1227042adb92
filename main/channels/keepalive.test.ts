// A connection that goes silent (no FIN, no RST: a dead network) is only noticed by keepalive
// pings. A TCP proxy that starts dropping bytes stands in for the dead network.
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCall } from '../calls/index.js';
import { testCodec } from '../../test/interop/codec.js';
import { startInteropServer, type InteropServer } from '../../test/interop/server.js';
import { ChannelPool, channelOptions } from './index.js';

let server: InteropServer;
let proxy: net.Server;
let proxyPort: number;
let dropping = false;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = await startInteropServer();
  proxy = net.createServer((downstream) => {
    const upstream = net.connect(server.port, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    downstream.on('data', (chunk) => dropping || upstream.write(chunk));
    upstream.on('data', (chunk) => dropping || downstream.write(chunk));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await server.close();
});

describe('keepalive', () => {
  it('maps to grpc-js keepalive options', () => {
    expect(
      channelOptions({ target: 'h:1', security: { kind: 'plaintext' }, keepaliveMs: 30_000 }),
    ).toMatchObject({
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 1,
    });
  });

  it('ends a call with no deadline when the network goes silent', async () => {
    const pool = new ChannelPool();
    try {
      const client = pool.get({
        target: `127.0.0.1:${proxyPort}`,
        security: { kind: 'plaintext' },
        keepaliveMs: 200,
      });
      const session = startCall({
        client,
        path: '/grpc.testing.TestService/StreamingOutputCall',
        kind: 'server_stream',
        target: `127.0.0.1:${proxyPort}`,
        requestCodec: testCodec('grpc.testing.StreamingOutputCallRequest'),
        responseCodec: testCodec('grpc.testing.StreamingOutputCallResponse'),
        messages: [{ responseParameters: [{ size: 1 }, { size: 1, intervalUs: 20_000_000 }] }],
        onEvent: (event) => {
          if (event.type === 'received') dropping = true;
        },
      });
      const status = await session.done;
      expect(status.codeName).toBe('UNAVAILABLE');
      expect(session.events.filter((e) => e.type === 'received')).toHaveLength(1);
    } finally {
      dropping = false;
      pool.close();
    }
  });
});

describe('server name and authority options', () => {
  it('serverName sets the TLS name and the authority; authority alone also names the certificate', () => {
    expect(
      channelOptions({ target: 'h:1', security: { kind: 'tls', serverName: 'api.example' } }),
    ).toMatchObject({
      'grpc.ssl_target_name_override': 'api.example',
      'grpc.default_authority': 'api.example',
    });
    expect(
      channelOptions({ target: 'h:1', security: { kind: 'tls' }, authority: 'a.example' }),
    ).toMatchObject({
      'grpc.ssl_target_name_override': 'a.example',
      'grpc.default_authority': 'a.example',
    });
    const plain = channelOptions({
      target: 'h:1',
      security: { kind: 'plaintext' },
      authority: 'a.example',
    });
    expect(plain['grpc.default_authority']).toBe('a.example');
    expect(plain['grpc.ssl_target_name_override']).toBeUndefined();
  });
});
