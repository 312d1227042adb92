// The capture thread keeps its file of several recordings open only while calls come: once it
// goes to sleep (an idle proxy that keeps running) the file is closed, whole and readable.
import type * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { openPaths } from '../../recording/writer/packed-here.testkit.js';
import { startRecordingProxy, startTargetServer, stub, until } from '../capture.testkit.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

it('once the thread sleeps, the file of several it appended a call to is closed', async () => {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const target = await startTargetServer();
  cleanup.push(() => target.close());
  const rec = await startRecordingProxy(target.port, tmp.dir, { packRecordings: true });
  cleanup.push(() => rec.proxy.close());

  const client = stub('UserService', rec.proxy.port);
  type GetUser = (req: object, cb: (e: grpc.ServiceError | null) => void) => void;
  const getUser = (client as unknown as Record<string, GetUser>)['GetUser'] as GetUser;
  await new Promise<void>((resolve, reject) =>
    getUser.call(client, { id: 'u1' }, (e) => (e ? reject(e) : resolve())),
  );
  client.close();
  await until(() => rec.calls.length === 1, 'the call to end');
  const pack = /^(.*\.recordings)#1$/.exec(rec.calls[0]?.file ?? '')?.[1];
  expect(pack, rec.calls[0]?.file).toBeDefined();

  // The proxy runs on, idle: the thread sleeps after 100 ms of empty looks.
  await expect.poll(() => openPaths((p) => p === pack)).toEqual([]);
  expect(readFileSync(pack as string, 'utf8')).toMatch(/GetUser[^]*"type":"ended"[^\n]*\n$/);
  expect(rec.errors).toEqual([]);
});
