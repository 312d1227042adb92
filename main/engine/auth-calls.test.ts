import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import type { EventPayload } from '../../shared/contract/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// Issue 14.5: a request's Auth section through the real engine to a real demo server that answers
// UNAUTHENTICATED unless the exact authorization header arrives; the secret password and token
// it is built from never appear, in any form, in what the engine keeps or hands out.

const PASSWORD = `PW-${randomUUID()}`;
const TOKEN = `TOK-${randomUUID()}`;
const BASIC = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

/** The secret as text and its base64 at each byte offset (inside a Basic credential). */
function forms(secret: string): string[] {
  const out = [secret];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0x61), Buffer.from(secret)]);
    out.push(encoded.toString('base64').slice(Math.ceil((pad * 4) / 3), -4));
  }
  return out;
}
const FORMS = [...forms(PASSWORD), ...forms(TOKEN)];

let kit: EngineKit;
let basicServer: DemoServer;
let bearerServer: DemoServer;
let schemaId: string;

beforeAll(async () => {
  basicServer = await startDemoServer({ port: 0, requireAuthorization: BASIC });
  bearerServer = await startDemoServer({ port: 0, requireAuthorization: `Bearer ${TOKEN}` });
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
  await kit.call('environment.save', {
    name: 'prod',
    variables: [
      { name: 'password', value: PASSWORD, secret: true },
      { name: 'token', value: TOKEN, secret: true },
      { name: 'user', value: 'alice' },
    ],
  });
});

afterAll(async () => {
  await kit?.close();
  await basicServer?.close();
  await bearerServer?.close();
});

async function callWith(server: DemoServer, auth: Auth | undefined) {
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
    environment: 'prod',
    record: true,
  });
  await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'ended'),
  );
  const { events } = await kit.call('call.events', { callId, sinceSeq: 0, limit: 1000 });
  const status = events.find((e) => e.type === 'status');
  const started = events.find((e) => e.type === 'started');
  return {
    code: status?.type === 'status' ? status.status.code : undefined,
    sent: started?.type === 'started' ? started.metadata : [],
  };
}

describe('a request’s auth', () => {
  it('sends Basic user:password, the password from a secret variable, masked whole', async () => {
    const { code, sent } = await callWith(basicServer, {
      type: 'basic',
      username: '{{user}}',
      password: '{{password}}',
    });
    expect(code).not.toBe(16);
    expect(sent).toContainEqual({
      key: 'authorization',
      value: 'Basic [secret:basic-credentials]',
    });
  });

  it('sends Bearer and an API key in the chosen header', async () => {
    expect((await callWith(bearerServer, { type: 'bearer', token: '{{token}}' })).code).not.toBe(
      16,
    );
    const apiKey = await callWith(bearerServer, {
      type: 'apiKey',
      header: 'Authorization',
      value: 'Bearer {{token}}',
    });
    expect(apiKey.code).not.toBe(16);
    expect(apiKey.sent).toContainEqual({ key: 'authorization', value: 'Bearer [secret:token]' });
  });

  it('sends nothing without auth, and the server says UNAUTHENTICATED', async () => {
    expect((await callWith(bearerServer, undefined)).code).toBe(16);
    expect((await callWith(bearerServer, { type: 'none' })).code).toBe(16);
  });

  it('refuses an unknown variable naming the auth field, and a second authorization row', async () => {
    const unknown = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{}], {
        auth: { type: 'bearer', token: '{{nope}}' },
      }),
      environment: 'prod',
    });
    expect(unknown.t === 'error' && unknown.message).toMatch(/\{\{nope\}\} in auth\.token/);
    const twice = await kit.router.invoke('call.start', {
      schemaId,
      request: demoRequest('127.0.0.1:1', '/example.UserService/GetUser', [{}], {
        auth: { type: 'bearer', token: 'x' },
        metadata: [{ key: 'Authorization', value: 'Bearer y' }],
      }),
      environment: 'prod',
    });
    expect(twice.t === 'error' && twice.message).toMatch(
      /metadata\[0\] sets "authorization" and the Auth section sets it too/,
    );
  });

  it('leaves the password and the token nowhere: events, history, recordings, files', async () => {
    const seen = [JSON.stringify(kit.events)];
    const history = await kit.call('history.list', {});
    expect(history.entries.length).toBeGreaterThanOrEqual(5);
    for (const e of history.entries)
      seen.push(JSON.stringify(await kit.call('history.get', { id: e.id })));
    const { recordings } = await kit.call('recording.list', {});
    for (const r of recordings)
      seen.push(JSON.stringify(await kit.call('recording.read', { id: r.id, limit: 1000 })));
    for (const f of filesUnder(kit.baseDir)) seen.push(readFileSync(f, 'latin1'));
    const all = seen.join('\n');
    expect(FORMS.filter((form) => all.includes(form))).toEqual([]);
    expect(all).toContain('[secret:basic-credentials]');
  });
});
