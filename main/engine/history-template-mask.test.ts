// History keeps a call's request template with the secrets it used masked in its texts only
// (masked-request.ts). Masked as one JSON value, a one-letter secret ('e') was replaced inside
// the template's keys (`name`, `messages`), its enum words (`plaintext`) and its method path,
// and the entry's request was no longer a request. Real engine, real demo server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  kit = startEngineKit();
  await kit.call('workspace.open', {});
  await kit.call('environment.save', {
    name: 'prod',
    variables: [{ name: 'letter', value: 'e', secret: true }],
  });
});

afterAll(async () => {
  await kit?.close();
  await server?.close();
});

it('masks a one-letter secret in the template’s texts, never in its keys, words or method', async () => {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  const method = '/example.UserService/GetUser';
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '{{letter}}7' }], {
    name: 'get user',
    notes: 'see here',
    metadata: [{ key: 'x-letter', value: '{{letter}}' }],
    assertions: [{ expr: 'status.code >= 0', name: 'reached' }],
    deadlineMs: 5000,
  });
  await kit.call('call.start', {
    schemaId,
    request,
    environment: 'prod',
    halfClose: true,
    keepRaw: false,
    record: false,
  });
  await expect.poll(async () => (await kit.call('history.list', {})).entries.length).toBe(1);
  const [summary] = (await kit.call('history.list', {})).entries;
  const { entry } = await kit.call('history.get', { id: summary!.id });
  const m = (text: string): string => text.replaceAll('e', '[secret:letter]');
  expect(entry.request).toEqual({
    ...request,
    name: m('get user'),
    notes: m('see here'),
    connection: { ...request.connection, address: request.connection.address },
    messages: [{ id: m('{{letter}}7') }],
    metadata: [{ key: m('x-letter'), value: m('{{letter}}') }],
    assertions: [{ expr: m('status.code >= 0'), name: m('reached') }],
  });
  expect(entry.request.connection.security).toEqual({ kind: 'plaintext' });
  expect(entry.request.method).toBe(method);
  // The log was masked once, as the call went: never again over its own placeholders.
  const text = JSON.stringify(entry);
  expect(text).toContain('[secret:letter]7');
  expect(text).not.toContain('[s[secret:letter]cr');
});

it('workspace.prepare shows the substituted request with a one-letter secret masked in its texts', async () => {
  const request = demoRequest(`127.0.0.1:${server.port}`, '/example.UserService/GetUser', [
    { id: '{{letter}}7' },
  ]);
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(prepared.request.connection.security).toEqual({ kind: 'plaintext' });
  expect(prepared.request.method).toBe('/example.UserService/GetUser');
  expect(prepared.request.messages).toEqual([{ id: '[secret:letter]7' }]);
  expect(prepared.request.options).toEqual(request.options);
});
