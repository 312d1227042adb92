// A secret's value typed in clear into a request's texts never reaches workspace.prepare's answer
// nor the history file (masked-request.ts, masked through the engine): auth values, a typed proxy
// password. Real engine, real demo server; the history files read as text (review29 SHOULD-3).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyEntriesOnDisk } from '../workspace/history/history.testkit.js';
import {
  demoRequest,
  historyEntryOfCall,
  startEnvironmentKit,
  type EngineKit,
} from './engine.testkit.js';

let kit: EngineKit;
let target: string;
let schemaId: string;
const SECRET = 'Zq9sEcReT';
const wsDir = mkdtempSync(path.join(tmpdir(), 'masked-fields-ws-'));

beforeAll(async () => {
  ({ kit, target, schemaId } = await startEnvironmentKit(
    [{ name: 'tok', value: SECRET, secret: true }],
    wsDir,
  ));
});

afterAll(async () => {
  await kit?.close();
  rmSync(wsDir, { recursive: true, force: true });
});

const method = '/example.UserService/GetUser';

it.each([
  ['bearer', { type: 'bearer', token: '{{tok}}' }],
  ['basic', { type: 'basic', username: 'u', password: '{{tok}}' }],
  ['apiKey', { type: 'apiKey', header: 'x-key', value: '{{tok}}' }],
] as const)('workspace.prepare masks a %s secret', async (_name, auth) => {
  const request = demoRequest(target, method, [{ id: '1' }], { auth });
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(JSON.stringify(prepared)).not.toContain(SECRET);
});

it('workspace.prepare masks a proxy password (a secret however given)', async () => {
  const request = demoRequest(target, method, [{ id: '1' }], {});
  request.connection.proxy = { url: 'http://127.0.0.1:9', username: 'u', password: 'typedPw77' };
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(JSON.stringify(prepared)).not.toContain('typedPw77');
});

it('history keeps no typed proxy password', async () => {
  const request = demoRequest(target, method, [{ id: '1' }], {});
  request.connection.proxy = { url: 'http://127.0.0.1:9', username: 'u', password: 'typedPw88' };
  const entry = await historyEntryOfCall(kit, {
    schemaId,
    request,
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  expect(JSON.stringify(entry)).not.toContain('typedPw88');
  await expect.poll(() => historyEntriesOnDisk(path.join(wsDir, 'history')).length).toBe(1);
  const files = readdirSync(path.join(wsDir, 'history'));
  for (const f of files)
    expect(readFileSync(path.join(wsDir, 'history', f), 'utf8')).not.toContain('typedPw88');
});

it('history masks a used secret typed in clear into the auth of the template', async () => {
  const request = demoRequest(target, method, [{ id: '{{tok}}' }], {
    auth: { type: 'bearer', token: SECRET },
  });
  const entry = await historyEntryOfCall(kit, {
    schemaId,
    request,
    environment: 'prod',
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  expect(JSON.stringify(entry)).not.toContain(SECRET);
});
