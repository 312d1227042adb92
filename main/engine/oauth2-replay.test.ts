import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../shared/request/auth.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { DemoServer } from '../demo/demo-server.js';
import type { TokenServer } from '../auth/oauth2.testkit.js';
import { demoRequest, type EngineKit } from './engine.testkit.js';
import { startTokenGuardedDemo, type TokenGuardedDemo } from './token-guarded.testkit.js';

// Issue 14.5 review: a recording made with OAuth2 masks the token as `[secret:oauth2-token]`,
// a value no environment holds. The recording does not list it among the secrets a replay takes
// from the environment; the replay says what to give instead, and replays with it.
// A real token endpoint and a real gRPC server that accepts only the token.

let demo: TokenGuardedDemo;
let kit: EngineKit;
let grpc: DemoServer;
let tokens: TokenServer;
let TOKEN: string;

beforeAll(async () => {
  demo = await startTokenGuardedDemo(() => [
    { name: 'client_secret', value: `CS-${randomUUID()}`, secret: true },
  ]);
  ({ kit, grpc, tokens, token: TOKEN } = demo);
});

afterAll(() => demo?.close());

describe('replaying a recording made with OAuth2', () => {
  it('says what to give instead of the token, and replays with it', async () => {
    const auth: Auth = {
      type: 'oauth2',
      tokenUrl: tokens.url,
      clientId: 'workbench',
      clientSecret: '{{client_secret}}',
    };
    const address = `127.0.0.1:${grpc.port}`;
    const { schemaId } = await kit.call('schema.load', {
      connection: demoRequest(address, '/example.UserService/GetUser', [{}]).connection,
      auth,
    });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(address, '/example.UserService/GetUser', [{ id: '1' }], { auth }),
      record: true,
    });
    const done = await kit.waitForEvent(
      'call.events',
      (p: EventPayload<'call.events'>) =>
        p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    const status = done.events.find((e) => e.type === 'status');
    expect(status?.type === 'status' && status.status.code).toBe(0);
    const { recordings } = await kit.call('recording.list', {});
    const id = recordings[0]!.id;
    // The header lists the secrets a replay takes from the environment: not the token.
    const file = (readdirSync(kit.baseDir, { recursive: true }) as string[]).find((f) =>
      f.endsWith(id.split('/').pop()!),
    );
    const header = JSON.parse(readFileSync(join(kit.baseDir, file!), 'utf8').split('\n')[0]!) as {
      secrets?: string[];
    };
    expect(header.secrets ?? []).not.toContain('oauth2-token');

    const refused = await kit.router.invoke('recording.replay', { id });
    expect(refused.t === 'error' && refused.message).toBe(
      'the recording was sent with an OAuth2 access token (fetched for each call and never kept) in metadata "authorization", which cannot be replayed: give the metadata to send instead (a "authorization" row with a current value); nothing was sent',
    );

    const replayed = await kit.call('recording.replay', {
      id,
      metadata: [{ key: 'authorization', value: `Bearer ${TOKEN}` }],
    });
    // The server accepted the token given: the replay ended OK.
    expect(replayed.recording.status).toBe('OK');

    // A recording made before listed the token among its secrets: replayed all the same.
    const lines = readFileSync(join(kit.baseDir, file!), 'utf8').split('\n');
    lines[0] = JSON.stringify({ ...header, secrets: [...(header.secrets ?? []), 'oauth2-token'] });
    writeFileSync(join(kit.baseDir, file!), lines.join('\n'));
    const older = await kit.call('recording.replay', {
      id,
      metadata: [{ key: 'authorization', value: `Bearer ${TOKEN}` }],
    });
    expect(older.recording.status).toBe('OK');
  });
});
