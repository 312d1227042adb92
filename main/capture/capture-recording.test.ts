import * as grpc from '@grpc/grpc-js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/recording.testkit.js';
import {
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  recordedEvents as events,
} from './capture.testkit.js';

type Obj = Record<string, unknown>;
type Unary = (
  req: Obj,
  md: grpc.Metadata,
  cb: (e: grpc.ServiceError | null, r?: Obj) => void,
) => grpc.ClientUnaryCall;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(recordDir: (tmp: string) => string) {
  const tmp = tempDir();
  cleanup.push(() => tmp.remove());
  const target = await startTargetServer();
  cleanup.push(() => target.close());
  const rec = await startRecordingProxy(target.port, recordDir(tmp.dir));
  cleanup.push(() => rec.proxy.close());
  return rec;
}

function getUser(
  port: number,
  id: string,
): Promise<{ error: grpc.ServiceError | null; res?: Obj }> {
  const client = stub('UserService', port);
  const call = (client as unknown as Record<string, Unary>)['GetUser'] as Unary;
  return new Promise((resolve) =>
    call.call(client, { id }, new grpc.Metadata(), (error, res) => {
      client.close();
      resolve({ error, res });
    }),
  );
}

describe('gwb proxy: recordings are created beside the forwarding, not in its way', () => {
  it('a recording that cannot be created: the call still goes through, the error names the file', async () => {
    let dir = '';
    // A recording folder that is not there (deleted while the proxy runs): no file can be made.
    const rec = await setUp((tmp) => (dir = path.join(tmp, 'gone')));
    const r = await getUser(rec.proxy.port, 'a');
    expect(r.error).toBeNull();
    expect(r.res).toMatchObject({ name: 'user a' });
    await until(() => rec.errors.length === 1, 'the recording error');
    expect(rec.errors[0]?.message).toMatch(/cannot create recording .*gone.*GetUser/);
    // The call is still reported as ended, with why it has no recording.
    await until(() => rec.calls.length === 1, 'the unrecorded call reported');
    expect(rec.calls[0]).toMatchObject({ method: '/example.UserService/GetUser', received: 1 });
    expect(rec.calls[0]?.status.code).toBe(0);
    expect(rec.calls[0]?.recordingError).toMatch(/cannot create recording .*gone.*GetUser/);
    // Once the folder is back, calls are recorded again.
    mkdirSync(dir);
    expect((await getUser(rec.proxy.port, 'b')).error).toBeNull();
    await until(() => rec.calls.length === 2, 'the next call recorded');
    expect(rec.calls[1]?.recordingError).toBeUndefined();
    expect(await events(rec.calls[1]?.file as string)).toContainEqual(
      expect.objectContaining({
        type: 'received',
        message: expect.objectContaining({ name: 'user b' }),
      }),
    );
  });

  it('every event that came before the file was there is in it, in order', async () => {
    const rec = await setUp((tmp) => tmp);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => getUser(rec.proxy.port, `u${i}`)),
    );
    for (const r of results) expect(r.error).toBeNull();
    await until(() => rec.calls.length === 20, '20 recorded calls');
    expect(rec.errors).toEqual([]);
    for (const call of rec.calls) {
      const evs = await events(call.file as string);
      expect(evs.map((e) => e.type)).toEqual([
        'started',
        'sent',
        'half_closed',
        'headers',
        'received',
        'trailers',
        'status',
        'ended',
      ]);
      expect(evs.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });
});
