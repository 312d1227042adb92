// gRPC-Web and Connect through a real HTTP CONNECT proxy (Debian's tinyproxy), resolved by the same
// main/proxy resolver as gRPC: the explicit setting and the environment's, no_proxy, basic auth,
// refusals in the same words as gRPC's, both HTTP versions, TLS inside the tunnel, and reflection.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { Protocol, ProxySetting } from '../../shared/request/connection.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { makeTestCerts, type TestCerts } from '../../test/tls/certs.js';
import {
  callEventsOf,
  demoRequest,
  startDemoEngineKit,
  type EngineKit,
} from '../engine/engine.testkit.js';
import { startTinyproxy, type Tinyproxy } from '../proxy/tinyproxy.testkit.js';
import { closeProtocolConnections } from './index.js';
import { startProtocolServers, type ProtocolServers } from './protocols.testkit.js';

let kit: EngineKit;
let schemaId: string;
let servers: ProtocolServers;
let tlsServers: ProtocolServers;
let certs: TestCerts;
const proxies: Tinyproxy[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  let target: string;
  ({ kit, target, schemaId } = await startDemoEngineKit());
  await kit.call('workspace.open', {});
  servers = await startProtocolServers(target);
  certs = makeTestCerts();
  tlsServers = await startProtocolServers(target, certs.server);
});

afterEach(() => {
  for (const name of ['https_proxy', 'no_proxy', 'grpc_proxy', 'http_proxy'])
    delete process.env[name];
  Object.assign(process.env, savedEnv);
  // Each test's proxy is its own: no connection kept from the one before.
  closeProtocolConnections();
});

afterAll(async () => {
  closeProtocolConnections();
  await kit?.close();
  await servers?.close();
  await tlsServers?.close();
  for (const p of proxies) await p.close();
  certs?.cleanup();
});

async function proxy(options: Parameters<typeof startTinyproxy>[0] = {}): Promise<Tinyproxy> {
  const started = await startTinyproxy(options);
  proxies.push(started);
  return started;
}

interface Case {
  name: string;
  server: (s: ProtocolServers) => string;
  protocol: Protocol;
}

const CASES: Case[] = [
  { name: 'gRPC-Web over HTTP/2', server: (s) => s.http2, protocol: { kind: 'grpcweb' } },
  {
    name: 'gRPC-Web over HTTP/1.1',
    server: (s) => s.http1,
    protocol: { kind: 'grpcweb', httpVersion: '1.1' },
  },
  { name: 'Connect binary over HTTP/2', server: (s) => s.http2, protocol: { kind: 'connect' } },
  {
    name: 'Connect JSON over HTTP/1.1',
    server: (s) => s.http1,
    protocol: { kind: 'connect', codec: 'json', httpVersion: '1.1' },
  },
];

function tailRequest(address: string, protocol: Protocol, setting?: ProxySetting): RequestDocument {
  const doc = demoRequest(address, '/example.LogService/Tail', [
    { source: 'app', lines: 3, interval_ms: 1 },
  ]);
  doc.connection = { ...doc.connection, protocol };
  if (setting !== undefined) doc.connection.proxy = setting;
  return doc;
}

async function run(doc: RequestDocument): Promise<CallEvent[]> {
  const { callId } = await kit.call('call.start', { schemaId, request: doc });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  return callEventsOf(kit.events, callId);
}

function statusOf(events: CallEvent[]) {
  const found = events.find((e) => e.type === 'status');
  if (found?.type !== 'status') throw new Error('no status');
  return found.status;
}

function startedOf(events: CallEvent[]) {
  const found = events.find((e) => e.type === 'started');
  if (found?.type !== 'started') throw new Error('no started event');
  return found;
}

describe.each(CASES)('$name through an HTTP CONNECT proxy', ({ server, protocol }) => {
  it('goes through the connection’s proxy; the started event names it', async () => {
    const p = await proxy();
    const address = server(servers);
    const events = await run(tailRequest(address, protocol, { url: p.url }));
    expect(statusOf(events)).toMatchObject({ codeName: 'OK' });
    expect(events.filter((e) => e.type === 'received')).toHaveLength(3);
    expect(startedOf(events)).toMatchObject({ proxy: p.address });
    expect(p.connects()).toEqual([address]);
  });

  it('carries TLS inside the tunnel', async () => {
    const p = await proxy();
    const address = server(tlsServers);
    const doc = tailRequest(address, protocol, { url: p.url });
    doc.connection.security = { kind: 'tls', caFile: path.join(certs.dir, 'ca.crt') };
    const events = await run(doc);
    expect(statusOf(events)).toMatchObject({ codeName: 'OK' });
    expect(p.connects()).toEqual([address]);
  });

  it('takes https_proxy from the environment; no_proxy and "none" bypass it', async () => {
    const p = await proxy();
    process.env.https_proxy = p.url;
    // 127.1 is loopback to the resolver but not the literal grpcurl (and gwb) exempt.
    const named = server(servers).replace('127.0.0.1', '127.1');
    const viaEnv = await run(tailRequest(named, protocol));
    expect(statusOf(viaEnv)).toMatchObject({ codeName: 'OK' });
    expect(startedOf(viaEnv).proxy).toBe(p.address);
    expect(p.connects()).toEqual([named]);

    process.env.no_proxy = 'example.com,127.1';
    const bypassed = await run(tailRequest(named, protocol));
    expect(statusOf(bypassed)).toMatchObject({ codeName: 'OK' });
    expect(startedOf(bypassed).proxy).toBeUndefined();
    delete process.env.no_proxy;

    const none = await run(tailRequest(named, protocol, 'none'));
    expect(statusOf(none)).toMatchObject({ codeName: 'OK' });
    expect(p.connects()).toEqual([named]);
  });

  it('sends basic auth; a wrong password is said as gRPC says it', async () => {
    const p = await proxy({ basicAuth: { user: 'ada', password: 'right-pw' } });
    const address = server(servers);
    const good = await run(
      tailRequest(address, protocol, { url: p.url, username: 'ada', password: 'right-pw' }),
    );
    expect(statusOf(good)).toMatchObject({ codeName: 'OK' });

    const bad = await run(
      tailRequest(address, protocol, { url: p.url, username: 'ada', password: 'wrong-pw' }),
    );
    const status = statusOf(bad);
    expect(status).toMatchObject({ codeName: 'UNAVAILABLE', failure: 'proxy_refused' });
    expect(status.message).toBe(
      `failed to connect to ${address}: proxy ${p.address}: it refused the user name and password given (401 Unauthorized)`,
    );
    expect(JSON.stringify(bad)).not.toContain('wrong-pw');
  });

  it('a proxy that refuses the tunnel says so, naming it', async () => {
    const p = await proxy({ connectPorts: [1] });
    const address = server(servers);
    const status = statusOf(await run(tailRequest(address, protocol, { url: p.url })));
    expect(status).toMatchObject({
      codeName: 'UNAVAILABLE',
      failure: 'proxy_refused',
      message: `failed to connect to ${address}: proxy ${p.address}: it refused to open a tunnel to ${address} (403 Forbidden)`,
    });
  });
});

it('a proxy that is not running: connection refused, naming the proxy', async () => {
  const p = await proxy();
  await p.close();
  const address = servers.http2;
  const status = statusOf(await run(tailRequest(address, { kind: 'connect' }, { url: p.url })));
  expect(status).toMatchObject({
    codeName: 'UNAVAILABLE',
    failure: 'proxy_refused',
    message: `failed to connect to ${address}: proxy ${p.address}: connection refused (is the proxy running on that port?)`,
  });
});

it('reflection over Connect goes through the proxy too', async () => {
  const p = await proxy();
  const connection = {
    ...demoRequest(servers.http2, '/x/Y').connection,
    protocol: { kind: 'connect' } as Protocol,
    proxy: { url: p.url },
  };
  const { schemaId: loaded } = await kit.call('schema.load', {
    source: { kind: 'reflection' },
    connection,
  });
  const { model } = await kit.call('schema.get', { schemaId: loaded });
  expect(JSON.stringify(model)).toContain('example.UserService');
  expect(p.connects()).toContain(servers.http2);
});
