import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { parseGrpcurlCommand } from '../../shared/grpcurl/index.js';
import type { Auth } from '../../shared/request/auth.js';
import type { RequestDocument } from '../../shared/request/document.js';
import type { DemoServer } from '../demo/demo-server.js';
import type { TokenServer } from '../auth/oauth2.testkit.js';
import { resourcePath } from '../resources.js';
import { demoRequest, type EngineKit } from './engine.testkit.js';
import { startTokenGuardedDemo, type TokenGuardedDemo } from './token-guarded.testkit.js';

// Issue 14 §5: "Copy as grpcurl" with "Include secrets" asked for. The engine resolves the request
// as a call would (secret variables, the auth inherited from a folder, an OAuth2 token fetched from
// a real endpoint) and the one exporter writes it; a real shell reads the words back exactly, what
// the secret holds (quotes, `$`, backticks, a newline) notwithstanding; nothing of it is kept.

/** Everything a shell would make of a secret, if it were not quoted right. */
const NASTY = `it's "$HOME" \`id\` $(id) \\ ;|& *\nline two`;
let demo: TokenGuardedDemo;
let kit: EngineKit;
let grpc: DemoServer;
let tokens: TokenServer;
let TOKEN: string;
let schemaId: string;

beforeAll(async () => {
  demo = await startTokenGuardedDemo((token) => [
    { name: 'nasty', value: NASTY, secret: true },
    { name: 'token', value: token, secret: true },
    { name: 'user', value: 'alice' },
  ]);
  ({ kit, grpc, tokens, token: TOKEN } = demo);
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
  await kit.call('folder.create', { path: 'svc/inner' });
});

afterAll(() => demo?.close());

const address = (): string => `127.0.0.1:${grpc.port}`;
const request = (auth?: Auth, messages: RequestDocument['messages'] = [{ id: '1' }]) =>
  demoRequest(address(), '/example.UserService/GetUser', messages, auth ? { auth } : {});

/** The words a real POSIX shell makes of the command line (`grpcurl` swapped for printf). */
function shellWordsOf(command: string): string[] {
  expect(command.startsWith('grpcurl ')).toBe(true);
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${command.slice('grpcurl '.length)}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nowhere' },
  });
  return out.split('\0').slice(0, -1);
}

/** The value of the `-H` word naming `key`. */
function header(words: string[], key: string): string | undefined {
  const at = words.findIndex((w, i) => words[i - 1] === '-H' && w.startsWith(`${key}: `));
  return at === -1 ? undefined : words[at]?.slice(key.length + 2);
}

async function statusOf(doc: RequestDocument): Promise<number | undefined> {
  const { callId } = await kit.call('call.start', { schemaId, request: doc, environment: null });
  const ended = await kit.waitForEvent(
    'call.events',
    (p: EventPayload<'call.events'>) =>
      p.callId === callId && p.events.some((e) => e.type === 'status'),
  );
  const status = ended.events.find((e) => e.type === 'status');
  return status?.type === 'status' ? status.status.code : undefined;
}

describe('export.grpcurlWithSecrets', () => {
  it('writes a secret in a header and a message so that a shell reads it back exactly', async () => {
    const { command } = await kit.call('export.grpcurlWithSecrets', {
      request: request({ type: 'bearer', token: '{{nasty}}' }, [{ id: '{{nasty}}' }]),
    });
    const words = shellWordsOf(command);
    expect(header(words, 'authorization')).toBe(`Bearer ${NASTY}`);
    expect(JSON.parse(words[words.indexOf('-d') + 1] ?? '')).toEqual({ id: NASTY });
    expect(words.slice(-2)).toEqual([address(), 'example.UserService/GetUser']);
    // The grpcurl import reads the same words back (the auth as the header it is).
    const back = parseGrpcurlCommand(command).request;
    expect(back.metadata).toContainEqual({ key: 'authorization', value: `Bearer ${NASTY}` });
  });

  it('resolves the bearer a saved request inherits from its folder; the copy gets the call in', async () => {
    await kit.call('folder.saveSettings', {
      path: 'svc',
      settings: { auth: { type: 'bearer', token: '{{token}}' } },
    });
    const { command, left } = await kit.call('export.grpcurlWithSecrets', {
      request: request({ type: 'inherit' }),
      requestPath: 'svc/inner/get',
    });
    expect(left).toEqual([]);
    expect(header(shellWordsOf(command), 'authorization')).toBe(`Bearer ${TOKEN}`);
    // The copied command, read back and sent with no environment at all, is let in.
    expect(await statusOf(parseGrpcurlCommand(command).request)).toBe(0);
    await kit.call('folder.saveSettings', { path: 'svc', settings: {} });
  });

  it('writes Basic with its secret password encoded, and an API key in its header', async () => {
    const basic = await kit.call('export.grpcurlWithSecrets', {
      request: request({ type: 'basic', username: '{{user}}', password: '{{nasty}}' }),
    });
    const credentials = Buffer.from(`alice:${NASTY}`, 'utf8').toString('base64');
    expect(header(shellWordsOf(basic.command), 'authorization')).toBe(`Basic ${credentials}`);
    expect(basic.left).toEqual([]);
    const key = await kit.call('export.grpcurlWithSecrets', {
      request: request({ type: 'apiKey', header: 'X-Api-Key', value: '{{nasty}}' }),
    });
    expect(header(shellWordsOf(key.command), 'x-api-key')).toBe(NASTY);
  });

  it('fetches the OAuth2 token and writes it as the bearer the call sends', async () => {
    const before = tokens.requests.length;
    const { command, left } = await kit.call('export.grpcurlWithSecrets', {
      request: request({
        type: 'oauth2',
        tokenUrl: tokens.url,
        clientId: 'workbench',
        clientSecret: '{{nasty}}',
      }),
    });
    expect(tokens.requests.length).toBe(before + 1);
    expect(left).toEqual([]);
    expect(header(shellWordsOf(command), 'authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await statusOf(parseGrpcurlCommand(command).request)).toBe(0);
  });

  it('refuses a variable with no value, naming it and where, as Send does', async () => {
    const reply = await kit.router.invoke('export.grpcurlWithSecrets', {
      request: request({ type: 'bearer', token: '{{nope}}' }),
    });
    expect(reply).toMatchObject({
      t: 'error',
      code: 'invalid_input',
      message: 'unknown variable: {{nope}} in auth.token (environment "prod"); nothing was copied',
    });
  });

  it('keeps nothing: no history entry, no file under the data folder holds the secret', async () => {
    // A secret of its own: the other tests send their copies, and history keeps what was sent.
    const secret = `ONLY-${randomUUID()}`;
    await kit.call('secret.set', { environment: 'prod', name: 'token', value: secret });
    const before = await kit.call('history.list', { limit: 100 });
    const { command } = await kit.call('export.grpcurlWithSecrets', {
      request: request({ type: 'bearer', token: '{{token}}' }, [{ id: '{{token}}' }]),
    });
    expect(command).toContain(secret);
    expect(await kit.call('history.list', { limit: 100 })).toEqual(before);
    for (const file of filesUnder(kit.baseDir))
      expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
    await kit.call('secret.set', { environment: 'prod', name: 'token', value: TOKEN });
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
