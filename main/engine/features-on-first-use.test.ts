import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../shared/contract/index.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { callEventsOf, demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// The engine builds the load runner, the capture proxy, the collection runner, the demo control,
// the session store, the file browser and Copy-as-grpcurl-with-secrets when one of their commands
// first runs (main/engine/on-first-use.ts): a gwb call loads none of their modules. Each module is
// wrapped here (the real module, passed through) only to note when it is first imported.
const imported = vi.hoisted(() => new Set<string>());
vi.mock('./load.js', async (original) => (imported.add('load'), original()));
vi.mock('./capture.js', async (original) => (imported.add('capture'), original()));
vi.mock('../runner/index.js', async (original) => (imported.add('runner'), original()));
vi.mock('./demo.js', async (original) => (imported.add('demo'), original()));
vi.mock('./session.js', async (original) => (imported.add('session'), original()));
vi.mock('../files/list-directory.js', async (original) => (imported.add('files'), original()));
vi.mock('./grpcurl-with-secrets.js', async (original) => (imported.add('grpcurl'), original()));

let kit: EngineKit;
let demo: DemoServer;
let target: string;
let schemaId: string;

beforeAll(async () => {
  // The demo server of its own (the engine's demo.start would build the demo control).
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
  kit = startEngineKit();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
}, 60_000);

afterAll(async () => {
  await kit?.close();
  await demo?.close();
});

describe('engine features are built on first use', () => {
  it('a call against the demo server builds none of them', async () => {
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
      halfClose: true,
    });
    await kit.waitForEvent(
      'call.events',
      (p: EventPayload<'call.events'>) =>
        p.callId === callId && p.events.some((e) => e.type === 'ended'),
    );
    expect(callEventsOf(kit.events, callId).find((e) => e.type === 'received')).toMatchObject({
      message: { name: 'Ada Lovelace' },
    });
    expect([...imported]).toEqual([]);
  });

  it('each is built by its first command, which it then answers', async () => {
    expect(await kit.call('capture.list', {})).toMatchObject({ captures: [] });
    expect([...imported]).toEqual(['capture']);
    expect(await kit.call('session.read', {})).toBeDefined();
    // The runner and the load engine answer for themselves: no such run.
    await expect(kit.call('runner.cancel', { runId: 'none' })).rejects.toThrow(/not_found/);
    await expect(kit.call('load.cancel', { loadId: 'none' })).rejects.toThrow(/not_found/);
    expect(await kit.call('files.list', { path: resourcePath('protos') })).toBeDefined();
    expect([...imported].sort()).toEqual(['capture', 'files', 'load', 'runner', 'session']);
  });
});
