// A feature the engine builds on first use (on-first-use.ts) may fail to build (a module that does
// not load, a dependency missing from a broken install). That failure belongs to the command that
// asked for it: the engine still closes every other part (the running calls end, the queued
// history reaches the disk), and the next command builds the feature again instead of being told
// the old failure for the engine's life.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { resourcePath } from '../resources.js';
import { createRouter } from '../router/index.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import { createEngine } from './index.js';

// The real load engine module, except that building it fails while `broken.load` is set.
const broken = vi.hoisted(() => ({ load: false }));
vi.mock('./load.js', async (original) => {
  const real = await original<typeof import('./load.js')>();
  return {
    ...real,
    createLoadEngine: (deps: Parameters<typeof real.createLoadEngine>[0]) => {
      if (broken.load) throw new Error('the load runner could not be built: hdr-histogram missing');
      return real.createLoadEngine(deps);
    },
  };
});

let demo: DemoServer;
let target: string;

beforeAll(async () => {
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
}, 60_000);
afterAll(async () => {
  await demo?.close();
});

async function loadedKit(ended: Map<string, readonly CallEvent[]>): Promise<{
  kit: EngineKit;
  schemaId: string;
}> {
  const kit = startEngineKit({
    observers: [(start) => ({ onEnded: (events) => void ended.set(start.callId, events) })],
  });
  await kit.call('workspace.open', {});
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  return { kit, schemaId };
}

it('close() still ends the running calls and writes their history when a build fails', async () => {
  const ended = new Map<string, readonly CallEvent[]>();
  const { kit, schemaId } = await loadedKit(ended);
  try {
    // A chat left open: only closing the engine ends it.
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, '/example.ChatService/Chat', [
        { sender: 'ada', content: 'hello' },
      ]),
    });
    broken.load = true;
    // The load runner's first command starts its build; the engine closes while it is building.
    const command = kit.engine.handlers['load.cancel']({ loadId: 'none' });
    const closing = kit.engine.close();
    await expect(command).rejects.toThrow('the load runner could not be built');
    await closing;

    expect(ended.has(callId)).toBe(true);
    expect(ended.get(callId)?.at(-1)?.type).toBe('ended');
    // The chat's history entry is on disk: a new engine on the same data folder lists it.
    const again = createEngine({ dataDir: kit.dataDir, host: { kind: 'test' }, emit: () => {} });
    try {
      const router = createRouter(again.handlers);
      expect(await router.invoke('workspace.open', {})).toMatchObject({ t: 'result' });
      const listed = await router.invoke('history.list', {});
      expect(listed).toMatchObject({
        t: 'result',
        output: { entries: [expect.objectContaining({ method: '/example.ChatService/Chat' })] },
      });
    } finally {
      await again.close();
    }
  } finally {
    broken.load = false;
    rmSync(kit.baseDir, { recursive: true, force: true });
  }
});

it('a command after a failed build builds the feature again', async () => {
  const { kit } = await loadedKit(new Map());
  try {
    broken.load = true;
    await expect(kit.call('load.cancel', { loadId: 'none' })).rejects.toThrow(
      'internal: the load runner could not be built: hdr-histogram missing',
    );
    broken.load = false;
    // Built now: the load runner answers for itself (no such load).
    await expect(kit.call('load.cancel', { loadId: 'none' })).rejects.toThrow(/not_found/);
  } finally {
    broken.load = false;
    await kit.close();
  }
});
