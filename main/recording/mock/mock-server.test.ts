import * as grpc from '@grpc/grpc-js';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchReflectionFiles } from '../../reflection/index.js';
import { decodeStatusDetails } from '../../codec/index.js';
import { diffRecordings, formatDiffSummary } from '../diff/index.js';
import { replayRecording } from '../replay/replay-recording.js';
import { exampleStubs, plainClient, tempDir } from '../recording.testkit.js';
import { recordDemoCalls } from './demo-recordings.testkit.js';
import { startMockServer, type MockServer } from './index.js';

const tmp = tempDir();
const ECHO = [{ key: 'x-echo-who', value: 'mock-test' }];
let mock: MockServer;
let stubs: Record<string, grpc.ServiceClientConstructor>;
let files: Record<string, string> = {};

function stub(service: string): grpc.Client {
  const Ctor = stubs[service] as grpc.ServiceClientConstructor;
  return new Ctor(`127.0.0.1:${mock.port}`, grpc.credentials.createInsecure());
}

beforeAll(async () => {
  files = await recordDemoCalls(
    tmp,
    [
      { name: 'user', method: '/example.UserService/GetUser', requests: [{ id: '3' }] },
      { name: 'missing', method: '/example.UserService/GetUser', requests: [{ id: 'ghost' }] },
      {
        name: 'tail',
        method: '/example.LogService/Tail',
        requests: [{ source: 'm', lines: 3, intervalMs: 20 }],
      },
      {
        name: 'upload',
        method: '/example.BatchService/Upload',
        requests: [
          { key: 'k1', number: 7 },
          { key: 'k2', number: 8 },
        ],
      },
      {
        name: 'chat',
        method: '/example.ChatService/Chat',
        requests: [{ sender: 'ann' }, { sender: 'bob' }],
      },
    ].map((call) => ({ ...call, metadata: ECHO })),
  );
  mock = await startMockServer({ recordings: Object.values(files) });
  const example = exampleStubs();
  stubs = example;
}, 30_000);

afterAll(async () => {
  await mock?.close();
  tmp.remove();
});

describe('mock server from recordings', () => {
  it('lists the recorded methods', () => {
    expect(mock.methods).toEqual([
      '/example.BatchService/Upload',
      '/example.ChatService/Chat',
      '/example.LogService/Tail',
      '/example.UserService/GetUser',
    ]);
  });

  it('unary: picks the recording by request body, with headers and trailers', async () => {
    const client = stub('UserService');
    const headers: grpc.Metadata[] = [];
    const result = await new Promise<{
      err: grpc.ServiceError | null;
      res: unknown;
      trailers?: grpc.Metadata;
    }>((resolve) => {
      const call = client['GetUser' as keyof grpc.Client] as unknown as (
        ...a: unknown[]
      ) => grpc.ClientUnaryCall;
      const c = call.call(client, { id: '3' }, (err: grpc.ServiceError | null, res: unknown) =>
        resolve({ err, res }),
      );
      c.on('metadata', (md: grpc.Metadata) => headers.push(md));
    });
    client.close();
    expect(result.err).toBeNull();
    expect(result.res).toMatchObject({ id: '3', name: 'Grace Hopper', age: 85 });
    expect(headers[0]?.get('x-echo-who')).toEqual(['mock-test']);
  });

  it('unary error: status, message, details and trailers as recorded', async () => {
    const client = stub('UserService');
    const err = await new Promise<grpc.ServiceError>((resolve, reject) => {
      const call = client['GetUser' as keyof grpc.Client] as unknown as (...a: unknown[]) => void;
      call.call(client, { id: 'ghost' }, (e: grpc.ServiceError | null) =>
        e ? resolve(e) : reject(new Error('expected an error')),
      );
    });
    client.close();
    expect(err.code).toBe(grpc.status.NOT_FOUND);
    expect(err.details).toBe('user "ghost" not found');
    expect(err.metadata.get('x-echo-who')).toEqual(['mock-test']);
    const bin = err.metadata.get('grpc-status-details-bin')[0] as Buffer;
    const decoded = decodeStatusDetails(undefined, bin);
    expect(decoded.details[0]).toMatchObject({
      type: 'google.rpc.ResourceInfo',
      value: { resourceName: 'users/ghost' },
    });
  });

  it('server stream: every message in order, then trailers', async () => {
    const client = stub('LogService');
    const start = performance.now();
    const call = (
      client['Tail' as keyof grpc.Client] as unknown as (
        ...a: unknown[]
      ) => grpc.ClientReadableStream<{ text: string }>
    ).call(client, { source: 'm', lines: 3, interval_ms: 20 });
    const texts: string[] = [];
    const times: number[] = [];
    call.on('data', (line: { text: string }) => {
      texts.push(line.text);
      times.push(performance.now());
    });
    const status = await new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    client.close();
    expect(texts).toEqual(['m: line 1', 'm: line 2', 'm: line 3']);
    // Recorded 20 ms apart, served with the recorded timing from the call's start: the third no
    // sooner than ~40 ms in. (Measured from the call's start, not from the first message, which a
    // busy machine may deliver late and so shorten the gap after it.)
    expect((times[2] as number) - start).toBeGreaterThanOrEqual(35);
    expect(status.code).toBe(grpc.status.OK);
    expect(status.metadata.get('x-echo-who')).toEqual(['mock-test']);
  });

  it('client stream: answers after the client half-closes', async () => {
    const client = stub('BatchService');
    const result = new Promise<unknown>((resolve, reject) => {
      const call = (
        client['Upload' as keyof grpc.Client] as unknown as (
          ...a: unknown[]
        ) => grpc.ClientWritableStream<unknown>
      ).call(client, (e: Error | null, res: unknown) => (e ? reject(e) : resolve(res)));
      call.write({ key: 'x', number: 1 });
      call.end();
    });
    expect(await result).toMatchObject({ count: 2, total: 15, keys: ['k1', 'k2'] });
    client.close();
  });

  it('bidi stream: the recorded answers, status after the client ends', async () => {
    const client = stub('ChatService');
    const call = (
      client['Chat' as keyof grpc.Client] as unknown as () => grpc.ClientDuplexStream<
        unknown,
        { content: string }
      >
    ).call(client);
    const got: string[] = [];
    call.on('data', (m: { content: string }) => got.push(m.content));
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    call.write({ sender: 'zed' });
    call.end();
    expect((await status).code).toBe(grpc.status.OK);
    expect(got).toEqual(['Hello, ann!', 'Hello, bob!']);
    client.close();
  });

  it('replaying each recording against the mock gives the same recording back', async () => {
    const client = plainClient(`127.0.0.1:${mock.port}`);
    for (const [name, file] of Object.entries(files)) {
      const out = tmp.file(`${name}.vs-mock.ndjson`);
      await replayRecording({
        recording: file,
        client,
        target: `127.0.0.1:${mock.port}`,
        out,
        speed: 'max',
      });
      const summary = await diffRecordings(file, out);
      expect(summary.identical, formatDiffSummary(summary)).toBe(true);
    }
    client.close();
  });

  it('reflection lists the services and serves their descriptors', async () => {
    const client = plainClient(`127.0.0.1:${mock.port}`);
    const result = await fetchReflectionFiles(client);
    client.close();
    expect(result.services).toEqual(
      expect.arrayContaining([
        'example.UserService',
        'example.LogService',
        'example.BatchService',
        'example.ChatService',
      ]),
    );
    expect(result.files.map((f) => f.name)).toContain('example.proto');
  });
});
