// What a run reads from the workspace: each saved request's file once per run, and no folder.json
// that is not there (every call asks its folders for inherited auth; a missing file is the usual
// case and is not opened).
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { useSettledClock } from '../platform/racy-clock.testkit.js';
import { fileProbe } from '../workspace/store/json-file.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;
// Dated back below, their change time is still now (read-cache.ts): counted as settled.
useSettledClock();

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('reads/one', { messages: [{ id: '1' }] });
  r.save('reads/sub/two', { messages: [{ id: '2' }] });
  // Saved a minute ago, not this instant: a file written within the last two seconds may change
  // again unseen in the same timestamp tick, so it is read afresh every time (read-cache.ts).
  const aMinuteAgo = new Date(Date.now() - 60_000);
  for (const name of ['one', 'sub/two'])
    utimesSync(
      path.join(r.ws.dir, 'collections', 'reads', `${name}.grpc.json`),
      aMinuteAgo,
      aMinuteAgo,
    );
});

afterEach(() => {
  delete fileProbe.onRead;
});

afterAll(async () => {
  await r.close();
  await server.close();
});

function readsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const reads: string[] = [];
  fileProbe.onRead = (file) => reads.push(path.relative(r.ws.dir, file));
  return run().then(() => reads);
}

describe('runner file reads', () => {
  it('opens no folder.json that is not there, over three iterations', async () => {
    const reads = await readsDuring(async () => {
      const result = await r.run({ target: 'reads', iterations: 3 });
      expect(result.summary).toMatchObject({ requests: 6, passed: 6 });
    });
    expect(reads.filter((f) => f.endsWith('folder.json'))).toEqual([]);
    // Each request file opened once for the whole run: planning lists folders only; the first
    // iteration reads it, the later ones find it unchanged and take that text.
    const one = path.join('collections', 'reads', 'one.grpc.json');
    expect(reads.filter((f) => f === one)).toHaveLength(1);
  });

  it('still reads a folder.json that is there: its auth is inherited', async () => {
    const file = path.join(r.ws.dir, 'collections', 'reads', 'folder.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, auth: { type: 'bearer', token: 'folder-token' } }),
    );
    try {
      const reads = await readsDuring(async () => {
        await r.run({ target: 'reads/one' });
      });
      expect(reads).toContain(path.join('collections', 'reads', 'folder.json'));
    } finally {
      writeFileSync(file, JSON.stringify({ version: 1 }));
    }
  });
});
