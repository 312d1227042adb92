import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import { plaintextConnection } from '../../shared/request/connection.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import type { TokenServer } from '../auth/oauth2.testkit.js';
import { demoRequest, type EngineKit } from './engine.testkit.js';
import { startTokenGuardedDemo, type TokenGuardedDemo } from './token-guarded.testkit.js';

// Issue 14.5 review: auth through the real engine, a real token endpoint and a real gRPC server:
// a secret in the token URL stays masked in errors, checking variables fetches no token, a
// request's own auth never reads its folders, and each unknown variable is named once, where it is.

const URL_KEY = `KEY-${randomUUID()}`;
let demo: TokenGuardedDemo;
let kit: EngineKit;
let grpc: DemoServer;
let tokens: TokenServer;
let schemaId: string;
let dir: string;

beforeAll(async () => {
  demo = await startTokenGuardedDemo((token) => [
    { name: 'url_key', value: URL_KEY, secret: true },
    { name: 'token', value: token, secret: true },
  ]);
  ({ kit, grpc, tokens } = demo);
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
  await kit.call('folder.create', { path: 'svc/inner' });
  ({ dir } = await kit.call('workspace.tree', {}));
});

afterAll(() => demo?.close());

const oauth2 = (tokenUrl: string): Auth => ({
  type: 'oauth2',
  tokenUrl,
  clientId: 'workbench',
  clientSecret: 'cs',
});

async function statusOf(requestPath: string, auth?: Auth): Promise<number | undefined> {
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(`127.0.0.1:${grpc.port}`, '/example.UserService/GetUser', [{ id: '1' }], {
      ...(auth ? { auth } : {}),
    }),
    requestPath,
  });
  const ended = await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'status'),
  );
  const status = ended.events.find((e) => e.type === 'status');
  return status?.type === 'status' ? status.status.code : undefined;
}

describe('auth safety through the engine', () => {
  it('masks a secret in the token URL in the error a failed token request gives', async () => {
    const reply = await kit.router.invoke('schema.load', {
      connection: plaintextConnection(`127.0.0.1:${grpc.port}`),
      // Plain http to another machine is refused before anything is sent, naming the URL.
      auth: oauth2('http://token.example.invalid/oauth/token?key={{url_key}}'),
    });
    expect(reply.t).toBe('error');
    const text = JSON.stringify(reply);
    expect(text).toContain('key=[secret:url_key]');
    expect(text).not.toContain(URL_KEY);
  });

  it('checks variables (workspace.prepare) without fetching a token, inherited auth included', async () => {
    const before = tokens.requests.length;
    const checked = await kit.call('workspace.prepare', {
      request: demoRequest(`127.0.0.1:${grpc.port}`, '/example.UserService/GetUser', [{}], {
        auth: oauth2(tokens.url),
      }),
    });
    expect(checked.unknown).toEqual([]);
    expect(tokens.requests).toHaveLength(before);
    await kit.call('folder.saveSettings', {
      path: 'svc',
      settings: { auth: { type: 'bearer', token: '{{nope}}' } },
    });
    const inherited = await kit.call('workspace.prepare', {
      request: demoRequest(`127.0.0.1:${grpc.port}`, '/example.UserService/GetUser', [{}]),
      requestPath: 'svc/inner/get',
    });
    expect(inherited.unknown).toEqual([{ name: 'nope', where: 'auth of folder "svc".token' }]);
    await kit.call('folder.saveSettings', { path: 'svc', settings: {} });
  });

  it('never reads the folders of a request with its own auth: a broken folder.json does not stop it', async () => {
    writeFileSync(join(dir, 'collections', 'svc', 'folder.json'), '{ not json');
    await expect(statusOf('svc/inner/get')).rejects.toThrow(/svc\/folder\.json/);
    expect(await statusOf('svc/inner/get', { type: 'bearer', token: '{{token}}' })).toBe(0);
    writeFileSync(join(dir, 'collections', 'svc', 'folder.json'), '{"version":1}');
  });

  it('names an unknown variable in the connection once, where it is, not again in auth', async () => {
    const checked = await kit.call('workspace.prepare', {
      request: demoRequest('{{host}}:50051', '/example.UserService/GetUser', [{}], {
        auth: { type: 'bearer', token: '{{token}}' },
      }),
    });
    expect(checked.unknown).toEqual([{ name: 'host', where: 'address' }]);
  });

  it('names the auth field an unknown variable is in', async () => {
    const checked = await kit.call('workspace.prepare', {
      request: demoRequest(`127.0.0.1:${grpc.port}`, '/example.UserService/GetUser', [{}], {
        auth: { type: 'basic', username: 'me', password: '{{pw}}' },
      }),
    });
    expect(checked.unknown).toEqual([{ name: 'pw', where: 'auth.password' }]);
  });
});
