// After a reload the Capture panel learns a running capture's target from `capture.list`: the
// connection as `capture.start` got it, {{variables}} left as written (a variable's value, a
// secret maybe, never goes back to the renderer), so Replay and Open as request go to that server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTargetServer, type TargetServer } from '../capture/capture.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
let target: TargetServer;

beforeAll(async () => {
  kit = startEngineKit();
  target = await startTargetServer();
});
afterAll(async () => {
  await kit?.close();
  await target?.close();
});

describe('capture.list', () => {
  it('gives each capture’s target connection as started, variables unsubstituted', async () => {
    await kit.call('environment.save', {
      name: 'dev',
      variables: [{ name: 'port', value: String(target.port) }],
    });
    await kit.call('environment.select', { name: 'dev' });
    const connection = { address: '127.0.0.1:{{port}}', security: { kind: 'plaintext' as const } };
    const capture = await kit.call('capture.start', { port: 0, target: connection });
    try {
      expect(capture.target).toBe(`127.0.0.1:${target.port}`);
      const { captures } = await kit.call('capture.list', {});
      expect(captures.find((c) => c.captureId === capture.captureId)?.connection).toEqual(
        connection,
      );
    } finally {
      await kit.call('capture.stop', { captureId: capture.captureId });
    }
  });
});
