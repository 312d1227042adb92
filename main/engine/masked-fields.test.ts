// A secret's value typed in clear into a request's texts never reaches workspace.prepare's answer
// nor the history file (masked-request.ts, masked through the engine): auth values, a typed proxy
// password. Real engine, real demo server; the history files read as text (review29 SHOULD-3).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { historyEntriesOnDisk } from '../workspace/history/history.testkit.js';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
let server: DemoServer;
const SECRET = 'Zq9sEcReT';
const wsDir = mkdtempSync(path.join(tmpdir(), 'masked-fields-ws-'));

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  kit = startEngineKit();
  await kit.call('workspace.open', { dir: wsDir });
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'tok', value: SECRET, secret: true }],
  });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
  rmSync(wsDir, { recursive: true, force: true });
});

const method = '/example.UserService/GetUser';

it.each([
  ['bearer', { type: 'bearer', token: '{{tok}}' }],
  ['basic', { type: 'basic', username: 'u', password: '{{tok}}' }],
  ['apiKey', { type: 'apiKey', header: 'x-key', value: '{{tok}}' }],
] as const)('workspace.prepare masks a %s secret', async (_name, auth) => {
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '1' }], { auth });
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(JSON.stringify(prepared)).not.toContain(SECRET);
});

it('workspace.prepare masks a proxy password (a secret however given)', async () => {
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '1' }], {});
  request.connection.proxy = { url: 'http://127.0.0.1:9', username: 'u', password: 'typedPw77' };
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(JSON.stringify(prepared)).not.toContain('typedPw77');
});

it('history keeps no typed proxy password', async () => {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '1' }], {});
  request.connection.proxy = { url: 'http://127.0.0.1:9', username: 'u', password: 'typedPw88' };
  await kit
    .call('call.start', { schemaId, request, halfClose: true, keepRaw: false, record: false })
    .catch(() => undefined);
  await expect.poll(async () => (await kit.call('history.list', {})).entries.length).toBe(1);
  const { entry } = await kit.call('history.get', {
    id: (await kit.call('history.list', {})).entries[0]!.id,
  });
  expect(JSON.stringify(entry)).not.toContain('typedPw88');
  await expect.poll(() => historyEntriesOnDisk(path.join(wsDir, 'history')).length).toBe(1);
  const files = readdirSync(path.join(wsDir, 'history'));
  for (const f of files)
    expect(readFileSync(path.join(wsDir, 'history', f), 'utf8')).not.toContain('typedPw88');
});

it('history masks a used secret typed in clear into the auth of the template', async () => {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  const before = (await kit.call('history.list', {})).entries.length;
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '{{tok}}' }], {
    auth: { type: 'bearer', token: SECRET },
  });
  await kit.call('call.start', {
    schemaId,
    request,
    environment: 'prod',
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  await expect
    .poll(async () => (await kit.call('history.list', {})).entries.length)
    .toBe(before + 1);
  const [latest] = (await kit.call('history.list', {})).entries;
  const { entry } = await kit.call('history.get', { id: latest!.id });
  expect(JSON.stringify(entry)).not.toContain(SECRET);
});
