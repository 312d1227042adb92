import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import type { ProxySetting } from '../../shared/request/connection.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import {
  callEventsOf,
  demoRequest,
  startEngineKit,
  type EngineKit,
} from '../engine/engine.testkit.js';
import { resourcePath } from '../resources.js';
import { startTinyproxy, type Tinyproxy } from './tinyproxy.testkit.js';

// Calls and reflection through a real HTTP CONNECT proxy (Debian's tinyproxy): the explicit
// setting, the environment's, no_proxy, refusals in words, basic auth with a secret password.

const PASSWORD = 'pr0xy-s3cret-pw';
let server: DemoServer;
let address: string;
let kit: EngineKit;
let schemaId: string;
const proxies: Tinyproxy[] = [];
const savedEnv = { ...process.env };

async function proxy(options: Parameters<typeof startTinyproxy>[0] = {}): Promise<Tinyproxy> {
  const started = await startTinyproxy(options);
  proxies.push(started);
  return started;
}

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  address = `127.0.0.1:${server.port}`;
  kit = startEngineKit();
  await kit.call('environment.save', {
    name: 'corp',
    variables: [{ name: 'proxyPassword', value: PASSWORD, secret: true }],
  });
  await kit.call('environment.select', { name: 'corp' });
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterEach(() => {
  for (const name of ['https_proxy', 'no_proxy', 'grpc_proxy', 'http_proxy'])
    delete process.env[name];
  Object.assign(process.env, savedEnv);
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  for (const p of proxies) await p.close();
});

/** Calls GetUser with this proxy setting; the call's events. */
async function getUser(
  setting: ProxySetting | undefined,
  to: string = address,
  record = false,
): Promise<CallEvent[]> {
  const request = demoRequest(to, '/example.UserService/GetUser', [{ id: '1' }]);
  if (setting !== undefined) request.connection.proxy = setting;
  const { callId } = await kit.call('call.start', { schemaId, request, record });
  await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
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

describe('a call through an HTTP CONNECT proxy', () => {
  it('goes through the proxy set on the connection, and the started event names it', async () => {
    const p = await proxy();
    const events = await getUser({ url: p.url });
    expect(statusOf(events).code).toBe(0);
    expect(p.connects()).toEqual([address]);
    expect(startedOf(events).proxy).toBe(p.address);
  });

  it('goes through https_proxy from the environment; loopback, no_proxy and "none" bypass it', async () => {
    const p = await proxy();
    process.env.https_proxy = p.url;
    // 127.0.0.1 in inet_aton's short form: the resolver (tinyproxy's, grpc-js's) reads it as
    // loopback, but it is not the literal Go (grpcurl) and gwb exempt, so the proxy applies.
    const named = `127.1:${server.port}`;
    const viaEnv = await getUser(undefined, named);
    expect(statusOf(viaEnv).code).toBe(0);
    expect(startedOf(viaEnv).proxy).toBe(p.address);
    expect(p.connects()).toEqual([named]);

    // 127.0.0.1 and localhost never go through the environment's proxy (as grpcurl).
    const loopback = await getUser(undefined);
    expect(statusOf(loopback).code).toBe(0);
    expect(startedOf(loopback).proxy).toBeUndefined();

    process.env.no_proxy = 'example.com,127.1';
    const bypassed = await getUser(undefined, named);
    expect(statusOf(bypassed).code).toBe(0);
    expect(startedOf(bypassed).proxy).toBeUndefined();

    delete process.env.no_proxy;
    const none = await getUser('none', named);
    expect(statusOf(none).code).toBe(0);
    expect(startedOf(none).proxy).toBeUndefined();
    // Only the first call went through it.
    expect(p.connects()).toEqual([named]);
  });

  it('with basic auth, the password a secret: it works, and the password is kept nowhere', async () => {
    const p = await proxy({ basicAuth: { user: 'alice', password: PASSWORD } });
    const events = await getUser(
      { url: p.url, username: 'alice', password: '{{proxyPassword}}' },
      address,
      true,
    );
    expect(statusOf(events).code).toBe(0);
    expect(p.connects()).toEqual([address]);
    const wrong = await getUser({ url: p.url, username: 'alice', password: 'nope' });
    expect(statusOf(wrong)).toMatchObject({ code: 14, failure: 'proxy_refused' });
    expect(statusOf(wrong).message).toMatch(
      /refused the user name and password given \(401 Unauthorized\)$/,
    );
    // Events, history, the recording, everything the engine wrote: the password appears nowhere.
    await waitFor(() => filesUnder(path.join(kit.dataDir, 'recordings')).length > 0);
    expect(JSON.stringify(kit.events)).not.toContain(PASSWORD);
    expect(filesHolding(kit.dataDir, PASSWORD)).toEqual([]);
  });

  it('a proxy that refuses says so in words, naming the proxy', async () => {
    const forbidding = await proxy({ connectPorts: [1] });
    const forbidden = statusOf(await getUser({ url: forbidding.url }));
    expect(forbidden).toMatchObject({ code: 14, failure: 'proxy_refused' });
    expect(forbidden.message).toBe(
      `failed to connect to ${address}: proxy ${forbidding.address}: it refused to open a tunnel to ${address} (403 Forbidden)`,
    );

    const authing = await proxy({ basicAuth: { user: 'alice', password: PASSWORD } });
    const unauthorized = statusOf(await getUser({ url: authing.url }));
    expect(unauthorized).toMatchObject({ code: 14, failure: 'proxy_refused' });
    expect(unauthorized.message).toBe(
      `failed to connect to ${address}: proxy ${authing.address}: it wants a user name and password, or refused the ones given (407 Proxy Authentication Required)`,
    );

    const gone = statusOf(await getUser({ url: 'http://127.0.0.1:1' }));
    expect(gone).toMatchObject({ code: 14, failure: 'proxy_refused' });
    expect(gone.message).toBe(
      `failed to connect to ${address}: proxy 127.0.0.1:1: connection refused (is the proxy running on that port?)`,
    );
  });

  it('a bad proxy setting is an error naming the field, before anything is sent', async () => {
    const request = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
    request.connection.proxy = { url: 'socks5://127.0.0.1:1080' };
    await expect(kit.call('call.start', { schemaId, request })).rejects.toThrow(
      /connection\.proxy\.url: "socks5:\/\/" proxies are not supported/,
    );
  });
});

describe('reflection through the proxy', () => {
  it('loads the schema over the same proxy as the calls', async () => {
    const p = await proxy({ basicAuth: { user: 'alice', password: PASSWORD } });
    const summary = await kit.call('schema.load', {
      connection: {
        address,
        security: { kind: 'plaintext' },
        proxy: { url: p.url, username: 'alice', password: '{{proxyPassword}}' },
      },
    });
    expect(summary.services).toContain('example.UserService');
    expect(p.connects()).toContain(address);
  });
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Polls `done` for up to 20 s of wall clock (200 fixed turns could run out on a loaded machine). */
async function waitFor(done: () => boolean): Promise<void> {
  await expect.poll(done, { timeout: 20_000, interval: 25 }).toBe(true);
}

function filesHolding(dir: string, text: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...filesHolding(full, text));
    else if (readFileSync(full, 'utf8').includes(text)) found.push(full);
  }
  return found;
}
