import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// The proxy password is a secret however it is given: typed in clear (the UI warns) or from a
// variable that is not marked secret. It is masked like a {{secret}}: in events, in history (the
// request template too), in recordings and in what workspace.prepare hands the renderer.

const TYPED = 'typed-pr0xy-pw-123';
const PLAIN_VARIABLE = 'plain-var-pr0xy-pw-456';
let server: DemoServer;
let address: string;
let kit: EngineKit;
let schemaId: string;
let typedProxy: Tinyproxy;
let variableProxy: Tinyproxy;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  address = `127.0.0.1:${server.port}`;
  typedProxy = await startTinyproxy({ basicAuth: { user: 'alice', password: TYPED } });
  variableProxy = await startTinyproxy({ basicAuth: { user: 'bob', password: PLAIN_VARIABLE } });
  kit = startEngineKit();
  await kit.call('environment.save', {
    name: 'corp',
    variables: [{ name: 'proxyPassword', value: PLAIN_VARIABLE, secret: false }],
  });
  await kit.call('environment.select', { name: 'corp' });
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  await typedProxy?.close();
  await variableProxy?.close();
});

function requestThrough(proxy: ProxySetting) {
  const request = demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }]);
  request.connection.proxy = proxy;
  return request;
}

async function call(proxy: ProxySetting) {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: requestThrough(proxy),
    record: true,
  });
  await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  return callEventsOf(kit.events, callId);
}

describe('the proxy password is always masked', () => {
  it('typed in clear or from a plain variable: it works, and is in no file and no prepare output', async () => {
    const typed: ProxySetting = { url: typedProxy.url, username: 'alice', password: TYPED };
    const fromVariable: ProxySetting = {
      url: variableProxy.url,
      username: 'bob',
      password: '{{proxyPassword}}',
    };
    for (const setting of [typed, fromVariable]) {
      const status = (await call(setting)).find((e) => e.type === 'status');
      expect(status?.type === 'status' && status.status.code).toBe(0);
      const prepared = await kit.call('workspace.prepare', {
        request: requestThrough(setting),
        environment: 'corp',
      });
      expect(JSON.stringify(prepared)).not.toContain(TYPED);
      expect(JSON.stringify(prepared)).not.toContain(PLAIN_VARIABLE);
    }
    expect(typedProxy.connects()).toEqual([address]);
    expect(variableProxy.connects()).toEqual([address]);
    // History is written in batches after the calls: wait until both calls are on disk.
    await waitFor(() => {
      const history = filesHolding(path.join(kit.dataDir, 'workspace', 'history'), '');
      return history.length > 0 && history.every((f) => !path.basename(f).startsWith('.gwb-tmp'));
    });
    await waitFor(() => filesHolding(path.join(kit.dataDir, 'recordings'), '').length === 2);
    // The history holds both calls' request templates, proxy fields included.
    expect(filesHolding(path.join(kit.dataDir, 'workspace', 'history'), '"alice"')).not.toEqual([]);
    expect(JSON.stringify(kit.events)).not.toContain(TYPED);
    expect(JSON.stringify(kit.events)).not.toContain(PLAIN_VARIABLE);
    expect(filesHolding(kit.dataDir, TYPED)).toEqual([]);
    expect(filesHolding(kit.dataDir, PLAIN_VARIABLE).filter((f) => !isEnvironment(f))).toEqual([]);
  });
});

/** The environment file holds a plain variable's value: that is where the user put it. */
function isEnvironment(file: string): boolean {
  return /environments?[/\\]/.test(file);
}

/** Polls `done` for up to 20 s of wall clock (200 fixed turns could run out on a loaded machine). */
async function waitFor(done: () => boolean): Promise<void> {
  await expect.poll(done, { timeout: 20_000, interval: 25 }).toBe(true);
}

/** Files under dir holding text; a folder not made yet holds none (history is written later). */
function filesHolding(dir: string, text: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    try {
      if (statSync(full).isDirectory()) found.push(...filesHolding(full, text));
      else if (readFileSync(full, 'utf8').includes(text)) found.push(full);
    } catch (error) {
      // A temp file renamed between the listing and the read is read under its new name.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return found;
}
