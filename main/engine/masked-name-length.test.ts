// A masked text outgrowing its limit (name: 200) through the engine's contract: history.get and
// workspace.prepare validate their answers, so the entry or the answer failed with a ZodError.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
let server: DemoServer;
const name = 'get the user record '.repeat(5); // 100 characters, 15 'e'

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

const method = '/example.UserService/GetUser';

it('workspace.prepare answers for a long name with a one-letter secret', async () => {
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '{{letter}}' }], { name });
  const prepared = await kit.call('workspace.prepare', { request, environment: 'prod' });
  expect(prepared.request.name).toContain('[secret:letter]');
});

it('history.get answers for a long name with a one-letter secret', async () => {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  const request = demoRequest(`127.0.0.1:${server.port}`, method, [{ id: '{{letter}}' }], { name });
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
  expect(entry.request.name).toContain('[secret:letter]');
});
