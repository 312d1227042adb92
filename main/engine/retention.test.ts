import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';

// Ended calls keep their logs for catch-up, but only the most recent few: logs can be huge.

let kit: EngineKit;

beforeAll(() => {
  kit = startEngineKit({ keepEndedCalls: 2 });
});

afterAll(async () => {
  await kit.close();
});

describe('ended call retention', () => {
  it('forgets the oldest ended calls beyond the limit', async () => {
    const { target } = await kit.call('demo.start', {});
    const { schemaId } = await kit.call('schema.loadProtoFiles', {
      files: [resourcePath('protos', 'example.proto')],
      importPaths: [resourcePath('protos')],
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { callId } = await kit.call('call.start', {
        schemaId,
        request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
      });
      await kit.waitForEvent(
        'call.events',
        (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
      );
      ids.push(callId);
    }
    expect(await kit.router.invoke('call.events', { callId: ids[0] })).toMatchObject({
      t: 'error',
      code: 'not_found',
    });
    expect((await kit.call('call.events', { callId: ids[1]! })).done).toBe(true);
    expect((await kit.call('call.events', { callId: ids[2]! })).done).toBe(true);
  });
});
