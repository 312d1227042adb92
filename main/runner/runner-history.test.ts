// A run is done once its calls are in history on disk: runner.wait answers after the last batch
// is written, not a batch window later (gwb run exits right after; a crash then loses nothing).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { isHistoryFile } from '../workspace/history/history-files.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('kept/one', { messages: [{ id: '1' }] });
  r.save('kept/two', { messages: [{ id: '2' }] });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

/** The request paths of the history entries on disk, oldest first. */
function onDisk(): string[] {
  const dir = path.join(r.ws.dir, 'history');
  return readdirSync(dir)
    .filter(isHistoryFile)
    .sort()
    .flatMap((file) => readFileSync(path.join(dir, file), 'utf8').trim().split('\n'))
    .map((line) => (JSON.parse(line) as { requestPath?: string }).requestPath ?? '');
}

describe('runner history', () => {
  it('has every call of the run on disk when the run answers', async () => {
    const result = await r.run({ target: 'kept', iterations: 2 });
    expect(result.summary).toMatchObject({ requests: 4, passed: 4 });
    expect(onDisk().slice(-4)).toEqual(['kept/one', 'kept/two', 'kept/one', 'kept/two']);
  });
});
