// Issue 17: a capture whose recording fails still ends the call in the Capture panel's list (done,
// with why), rather than leaving it running until the capture stops. Real engine, router, grpc-js.
import * as grpc from '@grpc/grpc-js';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcePath } from '../resources.js';
import { startTargetServer, stub, type TargetServer } from '../capture/capture.testkit.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

type Obj = Record<string, unknown>;

let kit: EngineKit;
let target: TargetServer;
let schemaId: string;

beforeAll(async () => {
  kit = startEngineKit();
  target = await startTargetServer();
  ({ schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  }));
});
afterAll(async () => {
  await kit?.close();
  await target?.close();
});

function getUser(port: number, id: string): Promise<grpc.ServiceError | null> {
  const client = stub('UserService', port) as grpc.Client & {
    GetUser: (req: Obj, cb: (e: grpc.ServiceError | null) => void) => void;
  };
  return new Promise((resolve) =>
    client.GetUser({ id }, (error) => {
      client.close();
      resolve(error);
    }),
  );
}

describe('capture: a recording that fails', () => {
  it('its call still ends in the list, done, saying why (the folder was removed mid-capture)', async () => {
    const capture = await kit.call('capture.start', {
      target: { address: `127.0.0.1:${target.port}`, security: { kind: 'plaintext' } },
      schemaId,
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
