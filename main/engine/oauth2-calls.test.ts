import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import { plaintextConnection } from '../../shared/request/connection.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { DemoServer } from '../demo/demo-server.js';
import { json, type TokenServer } from '../auth/oauth2.testkit.js';
import { demoRequest, type EngineKit } from './engine.testkit.js';
import { startTokenGuardedDemo, type TokenGuardedDemo } from './token-guarded.testkit.js';

// Issue 14.5: OAuth2 client credentials through the real engine: a real HTTP token endpoint
// hands out a token, a real gRPC server accepts only `Bearer <that token>` on calls and on
// reflection; the token and the client secret appear nowhere the engine keeps or hands out.

const TOKEN = `ACCESS-${randomUUID()}`;
const CLIENT_SECRET = `CS-${randomUUID()}`;

let kit: EngineKit;
let grpc: DemoServer;
let tokens: TokenServer;
let auth: Auth;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

let demo: TokenGuardedDemo;

beforeAll(async () => {
  demo = await startTokenGuardedDemo(
    () => [{ name: 'client_secret', value: CLIENT_SECRET, secret: true }],
    TOKEN,
  );
  ({ kit, grpc, tokens } = demo);
  auth = {
    type: 'oauth2',
    tokenUrl: tokens.url,
    clientId: 'workbench',
    clientSecret: '{{client_secret}}',
    scope: 'demo',
  };
});

afterAll(() => demo?.close());

describe('OAuth2 client credentials', () => {
  it('authenticates reflection, and without auth reflection is refused', async () => {
    const connection = plaintextConnection(`127.0.0.1:${grpc.port}`);
    const refused = await kit.router.invoke('schema.load', { connection });
    expect(refused.t === 'error' && refused.message).toMatch(/UNAUTHENTICATED|authorization/i);
    const loaded = await kit.call('schema.load', { connection, auth });
    expect(loaded.services).toContain('example.UserService');
    expect(tokens.requests).toHaveLength(1);
    expect(tokens.requests[0]?.authorization).toBe(
      `Basic ${Buffer.from(`workbench:${CLIENT_SECRET}`).toString('base64')}`,
    );
  });

  it('sends the fetched token with a call, fetched once while it lives', async () => {
    const { schemaId } = await kit.call('schema.load', {
      connection: plaintextConnection(`127.0.0.1:${grpc.port}`),
      auth,
    });
    for (let i = 0; i < 2; i++) {
      const { callId } = await kit.call('call.start', {
        schemaId,
        request: demoRequest(
          `127.0.0.1:${grpc.port}`,
          '/example.UserService/GetUser',
          [{ id: '1' }],
          {
            auth,
          },
        ),
        record: true,
      });
      const done = await kit.waitForEvent(
        'call.events',
        (p: EventPayload<'call.events'>) =>
          p.callId === callId && p.events.some((e) => e.type === 'status'),
      );
      const status = done.events.find((e) => e.type === 'status');
      expect(status?.type === 'status' && status.status.code).not.toBe(16);
    }
    expect(tokens.requests).toHaveLength(1);
  });

  it('refuses the call with the token URL and the OAuth error when the endpoint says no', async () => {
    tokens.answer = json(400, { error: 'invalid_scope', error_description: 'scope "x" unknown' });
    const reply = await kit.router.invoke('schema.load', {
      connection: plaintextConnection(`127.0.0.1:${grpc.port}`),
      auth: { ...auth, scope: 'x' },
    });
    expect(reply.t === 'error' && reply.message).toBe(
      `OAuth2 token request to ${tokens.url} failed: HTTP 400 invalid_scope: scope "x" unknown; nothing was sent`,
    );
  });

  it('keeps the token and the client secret out of events, history, recordings and files', async () => {
    const seen = [JSON.stringify(kit.events)];
    const history = await kit.call('history.list', {});
    expect(history.entries.length).toBeGreaterThanOrEqual(2);
    for (const e of history.entries)
      seen.push(JSON.stringify(await kit.call('history.get', { id: e.id })));
    const { recordings } = await kit.call('recording.list', {});
    for (const r of recordings)
      seen.push(JSON.stringify(await kit.call('recording.read', { id: r.id, limit: 1000 })));
    for (const f of filesUnder(kit.baseDir)) seen.push(readFileSync(f, 'latin1'));
    const all = seen.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(CLIENT_SECRET);
    expect(all).toContain('Bearer [secret:oauth2-token]');
  });
});
