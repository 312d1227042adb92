import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { exampleSchema, plainClient, recordCall, tempDir } from '../recording.testkit.js';
import { diffRecordings } from './index.js';

// Over two real recordings: an ignore path counts as used when it names a field of either one,
// including a field only a message on one side has (not compared, but the path is not a typo).

const tmp = tempDir();
let demo: DemoServer;
let client: grpc.Client;
let one: string;
let two: string;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  const target = `127.0.0.1:${demo.port}`;
  client = plainClient(target);
  const schema = exampleSchema();
  const upload = (out: string, requests: { key: string; number?: number; text?: string }[]) =>
    recordCall({ client, schema, method: '/example.BatchService/Upload', target, requests, out });
  [one, two] = [tmp.file('one.ndjson'), tmp.file('two.ndjson')];
  await upload(one, [{ key: 'a', number: 5 }]);
  await upload(two, [
    { key: 'a', number: 5 },
    { key: 'b', text: 'only here' },
  ]);
}, 30_000);

afterAll(async () => {
  client?.close();
  await demo?.close();
  tmp.remove();
});

describe('diffRecordings: ignore paths that match nothing', () => {
  it('names them; a field of an extra message, a header or the status counts as matched', async () => {
    const summary = await diffRecordings(one, two, {
      ignore: ['text', 'key', 'status.code', 'headers.content-type', 'txet', '**.modRevision'],
    });
    expect(summary.client.extra).toBe(1);
    expect(summary.unmatchedIgnore).toEqual(['txet', '**.modRevision']);
  });

  it('the paths always left out (headers.date) are never reported', async () => {
    const summary = await diffRecordings(one, one, {});
    expect(summary.unmatchedIgnore).toEqual([]);
    expect(summary.identical).toBe(true);
  });
});
