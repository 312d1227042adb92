import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import type { EventPayload } from '../../shared/contract/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// Issue 14.5: "inherit from folder" over the real filesystem: folder.json files in the
// collection's folders, the nearest one that sets an auth wins, a request's own auth wins over
// all; the server answers UNAUTHENTICATED unless the right header arrives.

const TOKEN = `TOK-${randomUUID()}`;
let kit: EngineKit;
let server: DemoServer;
let schemaId: string;
let dir: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${TOKEN}` });
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'token', value: TOKEN, secret: true }],
  });
  await kit.call('environment.select', { name: 'prod' });
  await kit.call('folder.create', { path: 'api/v1/deep' });
  ({ dir } = await kit.call('workspace.tree', {}));
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
});

async function statusOf(requestPath: string, auth?: Auth): Promise<number | undefined> {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(
      `127.0.0.1:${server.port}`,
      '/example.UserService/GetUser',
      [{ id: '1' }],
      {
        ...(auth ? { auth } : {}),
      },
    ),
    requestPath,
  });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const { events } = await kit.call('call.events', { callId, sinceSeq: 0, limit: 100 });
  const status = events.find((e) => e.type === 'status');
  return status?.type === 'status' ? status.status.code : undefined;
}

describe('auth inherited from folders', () => {
  it('takes the collection’s auth down through folders that set none', async () => {
    expect(await statusOf('api/v1/deep/get')).toBe(16);
    await kit.call('folder.saveSettings', {
      path: 'api',
      settings: { auth: { type: 'bearer', token: '{{token}}' } },
    });
    expect(await statusOf('api/v1/deep/get')).not.toBe(16);
    expect(await statusOf('api/v1/deep/get', { type: 'inherit' })).not.toBe(16);
    // The file holds the variable, never its value.
    const text = readFileSync(join(dir, 'collections', 'api', 'folder.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      version: 1,
      auth: { type: 'bearer', token: '{{token}}' },
    });
    expect(text).not.toContain(TOKEN);
    expect(await kit.call('folder.readSettings', { path: 'api/v1' })).toEqual({
      path: 'api/v1',
      settings: {},
    });
  });

  it('lets the nearest folder that sets an auth win, and the request’s own over all', async () => {
    await kit.call('folder.saveSettings', { path: 'api/v1', settings: { auth: { type: 'none' } } });
    expect(await statusOf('api/v1/deep/get')).toBe(16);
    expect(await statusOf('api/get')).not.toBe(16);
    expect(await statusOf('api/v1/deep/get', { type: 'bearer', token: '{{token}}' })).not.toBe(16);
    await kit.call('folder.saveSettings', { path: 'api/v1', settings: {} });
    expect(await statusOf('api/v1/deep/get')).not.toBe(16);
    // An unsaved request (no path) has no folder to inherit from.
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(`127.0.0.1:${server.port}`, '/example.UserService/GetUser', [{}]),
    });
    const ended = await kit.waitForEvent('call.events', (p: EventPayload<'call.events'>) =>
      p.events.some((e) => e.type === 'status' && p.callId === callId),
    );
    expect(ended.events.find((e) => e.type === 'status')).toMatchObject({ status: { code: 16 } });
  });

  it('says which file and field is wrong in a broken folder.json, and which variable is unknown', async () => {
    writeFileSync(
      join(dir, 'collections', 'api', 'v1', 'folder.json'),
      JSON.stringify({ version: 1, auth: { type: 'bearer', tokn: 'x' } }),
    );
    await expect(statusOf('api/v1/deep/get')).rejects.toThrow(/v1\/folder\.json: auth/);
    writeFileSync(
      join(dir, 'collections', 'api', 'v1', 'folder.json'),
      JSON.stringify({ version: 1, auth: { type: 'bearer', token: '{{missing}}' } }),
    );
    await expect(statusOf('api/v1/deep/get')).rejects.toThrow(
      /\{\{missing\}\} in auth of folder "api\/v1"\.token/,
    );
    await expect(
      kit.call('folder.saveSettings', { path: 'nowhere', settings: {} }),
    ).rejects.toThrow(/no folder "nowhere"/);
  });
});
