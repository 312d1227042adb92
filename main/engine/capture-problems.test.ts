// Issue 17: a capture whose recording fails still ends the call in the Capture panel's list (done,
// with why), rather than leaving it running until the capture stops. Real engine, router, grpc-js.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getUser, plaintext, useCaptureEngine } from './capture-engine.testkit.js';

const env = useCaptureEngine();

describe('capture: a recording that fails', () => {
  it('its call still ends in the list, done, saying why (the folder was removed mid-capture)', async () => {
    const { kit } = env;
    const capture = await kit.call('capture.start', {
      target: plaintext(env.target.port),
      schemaId: env.schemaId,
    });
    expect(capture.redacted).toMatch(/authorization.*cookie.*masked/);
    // Works as root too: no permission bits, the folder is simply gone.
    rmSync(path.join(kit.dataDir, 'recordings', ...capture.folder.split('/')), {
      recursive: true,
    });

    expect(await getUser(capture.port, 'a')).toBeNull();
    const batch = await kit.waitForEvent(
      'capture.calls',
      (p) => p.captureId === capture.captureId && p.calls.some((c) => c.done),
    );
    const call = batch.calls.find((c) => c.done);
    expect(call).toMatchObject({ method: '/example.UserService/GetUser', done: true });
    expect(call?.status?.codeName).toBe('OK');
    expect(call?.problem).toMatch(/^not recorded: cannot create recording .*GetUser.*ENOENT/);
    const listed = (await kit.call('capture.list', {})).captures.find(
      (c) => c.captureId === capture.captureId,
    );
    expect(listed?.calls).toEqual([
      expect.objectContaining({ done: true, problem: call?.problem }),
    ]);
    await kit.call('capture.stop', { captureId: capture.captureId });
  });
});
