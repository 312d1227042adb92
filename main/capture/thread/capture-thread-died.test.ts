// A capture thread that dies while a call is open (as an out-of-memory or a throw in it would end
// it): the call's line and Capture row end, saying why, and the next connections are read and
// recorded on the event loop.
import * as grpc from '@grpc/grpc-js';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleStubs, tempDir } from '../../recording/recording.testkit.js';
import type { LiveCall } from '../recording-calls.js';
import {
  openHangingTail,
  startRecordingProxy,
  startTargetServer,
  until,
} from '../capture.testkit.js';
import type { CaptureProxy } from '../capture-proxy.js';
import type { CaptureThread } from './capture-thread.js';

type Obj = Record<string, unknown>;
type Unary = (req: Obj, cb: (e: grpc.ServiceError | null, r?: Obj) => void) => void;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Ends the proxy's thread as a crash would. */
async function killThread(proxy: CaptureProxy): Promise<void> {
  const { thread } = proxy as unknown as { thread: CaptureThread };
  await (thread as unknown as { worker: Worker }).worker.terminate();
}

describe.each([
  ['the Capture panel (told as calls start)', true],
  ['gwb proxy (told as calls end only)', false],
])('a capture thread that dies with a call open: %s', (_, toldAsTheyStart) => {
  it('the call ends with code 2 saying why; a new call is recorded on the event loop', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    const started: LiveCall[] = [];
    const rec = await startRecordingProxy(
      target.port,
      tmp.dir,
      toldAsTheyStart ? { onCallStarted: (call) => started.push(call) } : {},
    );
    cleanup.push(() => rec.proxy.close());
    expect(rec.proxy.capturePath).toBe('thread');

    const tail = await openHangingTail(rec.proxy.port);
    cleanup.push(() => tail.close());
    await until(() => rec.recordings().length === 1, 'the call to be recorded');
    if (toldAsTheyStart) await until(() => started.length === 1, 'the call to start');

    await killThread(rec.proxy);
    await until(() => rec.calls.length === 1, 'the open call to end');
    expect(rec.calls[0]).toMatchObject({
      method: '/example.LogService/Tail',
      file: rec.recordings()[0],
      status: { code: 2, message: expect.stringMatching(/capture thread stopped/) },
      recordingError: expect.stringMatching(/ends without a status/),
    });
    expect(rec.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/the capture thread stopped/),
    ]);
    expect(rec.proxy.capturePath).toBe('event loop');

    // A new connection (grpc-js would reuse the Tail's otherwise): read on the event loop.
    const Users = exampleStubs()['UserService'] as grpc.ServiceClientConstructor;
    const users = new Users(`127.0.0.1:${rec.proxy.port}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    cleanup.push(() => users.close());
    const getUser = (users as unknown as Record<string, Unary>)['GetUser'] as Unary;
    const answer = await new Promise<grpc.ServiceError | null>((resolve) =>
      getUser.call(users, { id: '1' }, (error) => resolve(error)),
    );
    expect(answer).toBeNull();
    await until(() => rec.calls.length === 2, 'the new call to be recorded');
    expect(rec.calls[1]).toMatchObject({ method: '/example.UserService/GetUser' });
    expect(rec.calls[1]?.status.code).toBe(0);
    expect(rec.recordings()).toHaveLength(2);
  });
});
