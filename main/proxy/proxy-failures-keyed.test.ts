import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { noteProxyFailure, proxyFailureFor } from './proxy-failures.js';
import { startTinyproxy, type Tinyproxy } from './tinyproxy.testkit.js';

// grpc-js logs a refused CONNECT once per connection attempt, with no call to tie it to: the words
// go to the calls whose channel has that proxy and that target, never to another's.

let server: DemoServer;
let address: string;
let kit: EngineKit;
let schemaId: string;
const proxies: Tinyproxy[] = [];

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  address = `127.0.0.1:${server.port}`;
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  for (const p of proxies) await p.close();
});

async function statusThrough(setting: ProxySetting) {
  const request = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  request.connection.proxy = setting;
  const { callId } = await kit.call('call.start', { schemaId, request });
  await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const found = callEventsOf(kit.events, callId).find(
    (e): e is Extract<CallEvent, { type: 'status' }> => e.type === 'status',
  );
  if (!found) throw new Error('no status');
  return found.status;
}

describe('proxy failures are the failing call’s own', () => {
  it('two concurrent calls through two refusing proxies each get their own proxy’s words', async () => {
    const forbidding = await startTinyproxy({ connectPorts: [1] });
    const authing = await startTinyproxy({ basicAuth: { user: 'alice', password: 'pw' } });
    proxies.push(forbidding, authing);
    for (let round = 0; round < 3; round++) {
      const [forbidden, unauthorized] = await Promise.all([
        statusThrough({ url: forbidding.url }),
        statusThrough({ url: authing.url }),
      ]);
      expect(forbidden.message).toBe(
        `failed to connect to ${address}: proxy ${forbidding.address}: it refused to open a tunnel to ${address} (403 Forbidden)`,
      );
      expect(unauthorized.message).toBe(
        `failed to connect to ${address}: proxy ${authing.address}: it wants a user name and password, or refused the ones given (407 Proxy Authentication Required)`,
      );
    }
  });

  it('a failure is found by its proxy and target only', () => {
    expect(
      noteProxyFailure('Failed to connect to db:5432 through proxy 127.0.0.1:3128 with status 403'),
    ).toBe(true);
    expect(proxyFailureFor({ proxy: '127.0.0.1:3129', target: 'db:5432' })).toBeUndefined();
    expect(proxyFailureFor({ proxy: '127.0.0.1:3128', target: 'api:443' })).toBeUndefined();
    expect(proxyFailureFor({ proxy: 'proxy.corp:3128', target: 'db:5432' })?.reason).toBe(
      'it refused to open a tunnel to db:5432 (403 Forbidden)',
    );
    noteProxyFailure('Failed to connect to proxy 127.0.0.1:1 with error connect ECONNREFUSED');
    expect(proxyFailureFor({ proxy: '10.0.0.1:1', target: 'db:5432' })).toBeUndefined();
    expect(proxyFailureFor({ proxy: '127.0.0.1:1', target: 'any:1' })?.reason).toMatch(
      /connection refused/,
    );
  });
});
