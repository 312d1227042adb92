// `gwb run` opens its engine with watchesCalls: false — it prints from the runner's progress and
// never watches a call — so the host attaches no observer that keeps the last calls' events for a
// watcher who never comes (work on every event of every call of a run, for nothing).
// Real demo server, the engine gwb runs in process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { newRequest } from '../../shared/request/document.js';
import type { CallObserverFactory } from '../../main/engine/call-observer.js';
import { withCliEngine, type CliEngineOptions } from './engine-host.js';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({});
});

afterAll(async () => {
  await demo?.close();
});

/** The events the host keeps after 5 calls nobody watches, with these options. */
async function keptAfterCalls(opts: CliEngineOptions): Promise<number> {
  const connection = {
    address: `127.0.0.1:${demo.port}`,
    security: { kind: 'plaintext' as const },
  };
  let ended = 0;
  let allEnded!: () => void;
  const all = new Promise<void>((resolve) => (allEnded = resolve));
  const onEnd: CallObserverFactory = () => ({
    onEvent: (event) => {
      if (event.type === 'ended' && ++ended === 5) allEnded();
    },
  });
  return withCliEngine({ ...opts, observers: [onEnd] }, async (engine) => {
    const { schemaId } = await engine.run('schema.load', {
      source: { kind: 'reflection' },
      connection,
    });
    const request = {
      ...newRequest(connection, '/example.UserService/GetUser'),
      messages: [{ id: '1' }],
    };
    for (let i = 0; i < 5; i++)
      await engine.run('call.start', {
        schemaId,
        request,
        halfClose: true,
        keepRaw: false,
        record: false,
      });
    await all;
    if (opts.watchesCalls === false)
      expect(() => engine.watchCall('call-1', () => undefined)).toThrow(/watchesCalls: false/);
    return engine.unwatchedEventCount();
  });
}

it('an engine opened with watchesCalls: false keeps no call events for watchers', async () => {
  // The default keeps the unwatched calls' events (a watcher may be coming)...
  expect(await keptAfterCalls({})).toBeGreaterThan(0);
  // ...gwb run's engine none: nobody watches its calls.
  expect(await keptAfterCalls({ watchesCalls: false })).toBe(0);
});
