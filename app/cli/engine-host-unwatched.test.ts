// gwb's engine host keeps a call's events only for a watcher who is coming (the call's first
// events can come before call.start answers). Calls nobody watches — every call of `gwb run` —
// must not grow the host: after 2,000 of them it keeps the events of a few, not of all.
// Real demo server, the engine gwb runs in process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { newRequest } from '../../shared/request/document.js';
import type { CallObserverFactory } from '../../main/engine/call-observer.js';
import { runCall } from './call-runner.js';
import { withCliEngine } from './engine-host.js';

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemoServer({});
});

afterAll(async () => {
  await demo?.close();
});

const CALLS = 2_000;
const AT_ONCE = 20;

it(
  '2,000 calls nobody watches leave a bounded number of events kept',
  { timeout: 300_000 },
  async () => {
    const connection = {
      address: `127.0.0.1:${demo.port}`,
      security: { kind: 'plaintext' as const },
    };
    const ended = new Map<string, () => void>();
    const endedEarly = new Set<string>();
    const onEnd: CallObserverFactory = ({ callId }) => ({
      onEvent(event) {
        if (event.type !== 'ended') return;
        const resolve = ended.get(callId);
        if (resolve) resolve();
        else endedEarly.add(callId);
      },
    });
    await withCliEngine({ observers: [onEnd] }, async (engine) => {
      const { schemaId } = await engine.run('schema.load', {
        source: { kind: 'reflection' },
        connection,
      });
      const request = {
        ...newRequest(connection, '/example.UserService/GetUser'),
        messages: [{ id: '1' }],
      };
      const unwatchedCall = async (): Promise<void> => {
        const { callId } = await engine.run('call.start', {
          schemaId,
          request,
          halfClose: true,
          keepRaw: false,
          record: false,
        });
        if (endedEarly.delete(callId)) return;
        await new Promise<void>((resolve) => ended.set(callId, resolve));
        ended.delete(callId);
      };
      for (let done = 0; done < CALLS; done += AT_ONCE)
        await Promise.all(Array.from({ length: AT_ONCE }, unwatchedCall));
      // A unary call logs a handful of events; all 2,000 calls' were ~10 per call kept.
      expect(engine.unwatchedEventCount()).toBeLessThanOrEqual(16 * 20);
      // A watched call still gets every event from its first.
      const seen: string[] = [];
      const result = await runCall(engine, {
        schemaId,
        request,
        onEvent: (event) => seen.push(event.type),
      });
      expect(result.status?.code).toBe(0);
      expect(seen[0]).toBe('started');
      expect(seen.at(-1)).toBe('ended');
    });
  },
);

it('a long stream nobody watches keeps a bounded log', { timeout: 300_000 }, async () => {
  const connection = {
    address: `127.0.0.1:${demo.port}`,
    security: { kind: 'plaintext' as const },
  };
  let ended!: () => void;
  const end = new Promise<void>((resolve) => (ended = resolve));
  const onEnd: CallObserverFactory = () => ({
    onEvent: (event) => (event.type === 'ended' ? ended() : undefined),
  });
  await withCliEngine({ observers: [onEnd] }, async (engine) => {
    const { schemaId } = await engine.run('schema.load', {
      source: { kind: 'reflection' },
      connection,
    });
    await engine.run('call.start', {
      schemaId,
      request: {
        ...newRequest(connection, '/example.LogService/Tail'),
        messages: [{ source: 'app', lines: 1_500, interval_ms: 1 }],
      },
      halfClose: true,
      keepRaw: false,
      record: false,
    });
    await end;
    // Kept, it was every one of its 1,500 messages' events.
    expect(engine.unwatchedEventCount()).toBeLessThanOrEqual(1_000);
  });
});
