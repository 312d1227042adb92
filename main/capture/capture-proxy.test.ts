import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffRecordings, readHeader, replayRecording } from '../recording/index.js';
import { plainClient, tempDir } from '../recording/recording.testkit.js';
import {
  startRecordingProxy,
  startTargetServer,
  stub,
  until,
  type RecordingProxy,
  type TargetServer,
  recordedEvents as events,
} from './capture.testkit.js';

type Obj = Record<string, unknown>;
type Unary = (
  req: Obj,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: grpc.ServiceError | null, r?: Obj) => void,
) => grpc.ClientUnaryCall;

const tmp = tempDir();
let target: TargetServer;
let rec: RecordingProxy;

beforeAll(async () => {
  target = await startTargetServer();
  rec = await startRecordingProxy(target.port, tmp.dir);
});
afterAll(async () => {
  await rec?.proxy.close();
  await target?.close();
  tmp.remove();
});

/** Replays a recording against the target itself and diffs the two. */
async function replaysEqual(file: string): Promise<void> {
  const client = plainClient(`127.0.0.1:${target.port}`);
  try {
    const out = `${file}.replay.ndjson`;
    await replayRecording({ recording: file, client, target: 'direct', out, speed: 'max' });
    const diff = await diffRecordings(file, out);
    expect(diff.identical, JSON.stringify(diff, null, 1).slice(0, 2000)).toBe(true);
  } finally {
    client.close();
  }
}

function unary(req: Obj, md = new grpc.Metadata(), opts: grpc.CallOptions = {}) {
  const client = stub<Record<string, Unary>>('UserService', rec.proxy.port);
  return new Promise<{
    error: grpc.ServiceError | null;
    res?: Obj;
    headers?: grpc.Metadata;
    trailers?: grpc.Metadata;
  }>((resolve) => {
    let headers: grpc.Metadata | undefined;
    let trailers: grpc.Metadata | undefined;
    const call = (client.GetUser as Unary).call(client, req, md, opts, (error, res) =>
      setImmediate(() => resolve({ error, res, headers, trailers })),
    );
    call.on('metadata', (m) => (headers = m));
    call.on('status', (s) => (trailers = s.metadata));
  });
}

/** The recording the proxy made of its latest call (waits for that call to end). */
async function lastRecording(count: number, ms?: number): Promise<string> {
  await until(() => rec.calls.length >= count, `${count} recorded calls`, ms);
  const call = rec.calls[count - 1];
  if (!call?.file) throw new Error('no recording');
  return call.file;
}

describe('gwb proxy forwards and records every call kind', () => {
  it('unary with metadata (-bin too) both ways, and replays equal', async () => {
    const before = rec.calls.length;
    const md = new grpc.Metadata();
    md.set('x-token', 'abc');
    md.set('x-blob-bin', Buffer.from([9, 0, 255]));
    const r = await unary({ id: '7' }, md);
    expect(r.error).toBeNull();
    expect(r.res).toMatchObject({ id: '7', name: 'user 7', age: 42 });
    expect(r.headers?.get('echo-x-token')).toEqual(['abc']);
    expect(r.headers?.get('echo-x-blob-bin')).toEqual([Buffer.from([9, 0, 255])]);
    expect(r.trailers?.get('x-trailer-bin')).toEqual([Buffer.from([0, 1, 2, 255])]);
    const file = await lastRecording(before + 1);
    const header = await readHeader(file);
    expect(header).toMatchObject({
      method: '/example.UserService/GetUser',
      kind: 'unary',
      requestType: 'example.UserRequest',
      metadata: [
        { key: 'x-token', value: 'abc' },
        { key: 'x-blob-bin', value: Buffer.from([9, 0, 255]).toString('base64') },
      ],
    });
    const evs = await events(file);
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
    expect(evs[1]).toMatchObject({ message: { id: '7' }, raw: expect.any(String) });
    expect(evs[4]).toMatchObject({ message: { id: '7', name: 'user 7', age: 42 } });
    expect(rec.calls[before]).toMatchObject({ sent: 1, received: 1, status: { code: 0 } });
    await replaysEqual(file);
  });

  it('an error with details reaches the client and the recording', async () => {
    const before = rec.calls.length;
    const r = await unary({ id: 'fail' });
    expect(r.error?.code).toBe(grpc.status.NOT_FOUND);
    expect(r.error?.details).toBe('no user fail');
    expect(r.error?.metadata.get('grpc-status-details-bin')).toHaveLength(1);
    const file = await lastRecording(before + 1);
    const status = (await events(file)).find((e) => e.type === 'status');
    expect(status).toMatchObject({
      status: {
        code: 5,
        message: 'no user fail',
        details: [{ type: 'google.rpc.ResourceInfo', value: { resourceName: 'fail' } }],
      },
    });
    await replaysEqual(file);
  });

  it('a 1 MiB message both ways, whole', async () => {
    const before = rec.calls.length;
    const r = await unary({ id: `big:${1024 * 1024}:${'p'.repeat(1024 * 1024)}` });
    expect(r.error).toBeNull();
    expect((r.res?.['name'] as string).length).toBe(1024 * 1024);
    const file = await lastRecording(before + 1);
    const evs = await events(file);
    for (const type of ['sent', 'received']) {
      const message = evs.find((e) => e.type === type);
      expect(message).toMatchObject({ size: expect.any(Number), raw: expect.any(String) });
      expect((message as { size: number }).size).toBeGreaterThan(1024 * 1024);
    }
    await replaysEqual(file);
  });

  // 100k messages as the issue asks; ~10 s quiet, over 100 s on a loaded 2-core machine.
  it('a server stream of 100k messages', { timeout: 300_000 }, async () => {
    const before = rec.calls.length;
    const client = stub('LogService', rec.proxy.port) as unknown as Record<
      string,
      (req: Obj) => grpc.ClientReadableStream<Obj>
    >;
    const call = (client.Tail as (req: Obj) => grpc.ClientReadableStream<Obj>).call(client, {
      source: 's',
      lines: 100_000,
    });
    let n = 0;
    let last = '';
    call.on('data', (m: Obj) => {
      n++;
      last = String(m['seq']);
    });
    await new Promise((resolve, reject) => {
      call.on('end', resolve);
      call.on('error', reject);
    });
    expect([n, last]).toEqual([100_000, '100000']);
    const file = await lastRecording(before + 1, 120_000);
    expect(rec.calls[before]).toMatchObject({ received: 100_000, status: { code: 0 } });
    await replaysEqual(file);
  });

  it('a client stream and a bidi stream', async () => {
    const before = rec.calls.length;
    const batch = stub('BatchService', rec.proxy.port) as unknown as Record<string, unknown>;
    const summary = await new Promise<Obj>((resolve, reject) => {
      const call = (
        batch.Upload as (cb: (e: Error | null, r?: Obj) => void) => grpc.ClientWritableStream<Obj>
      ).call(batch, (e, r) => (e ? reject(e) : resolve(r as Obj)));
      for (const key of ['a', 'b', 'c', 'd']) call.write({ key, text: key });
      call.end();
    });
    expect(summary).toMatchObject({ count: 4, keys: ['a', 'b', 'c'] });
    await replaysEqual(await lastRecording(before + 1));

    const chatStub = stub('ChatService', rec.proxy.port) as unknown as Record<string, unknown>;
    const call = (chatStub.Chat as () => grpc.ClientDuplexStream<Obj, Obj>).call(chatStub);
    const got: unknown[] = [];
    call.on('data', (m: Obj) => got.push(m['content']));
    for (const content of ['one', 'two', 'three']) call.write({ sender: 'me', content });
    call.end();
    await new Promise((resolve) => call.on('status', resolve));
    expect(got).toEqual(['one', 'two', 'three']);
    const file = await lastRecording(before + 2);
    expect(rec.calls[before + 1]).toMatchObject({ sent: 3, received: 3, status: { code: 0 } });
    await replaysEqual(file);
  });
});
