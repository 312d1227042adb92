// A snapshot's call records to a scratch folder the run makes under the engine's data folder.
// When that folder cannot be made (the data folder gone, replaced by a file, a full disk), the
// request fails with the reason and the run goes on and ends with its result: the failure is the
// request's, never a throw out of the runner (which would leave the run without a result).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  // The snapshot's request second: it is made ready while the first one's call runs and begins
  // in the turn that call ends (the runner's pipelined path), and a third comes after it.
  r.save('snap/1 plain', { messages: [{ id: '2' }] });
  r.save('snap/2 get user', { messages: [{ id: '1' }], snapshot: {} });
  r.save('snap/3 plain', { messages: [{ id: '3' }] });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

describe('a scratch folder that cannot be made', () => {
  it("fails the snapshot's request with the reason; the run goes on and ends", async () => {
    const { dataDir } = r.kit;
    // Set aside (the engine's own files there are put back for its close), a file in its place.
    renameSync(dataDir, `${dataDir}.aside`);
    writeFileSync(dataDir, 'not a folder');
    const result = await r.run({ target: 'snap' }).finally(() => {
      rmSync(dataDir);
      renameSync(`${dataDir}.aside`, dataDir);
    });
    expect(result.results.map((x) => [x.path, x.passed])).toEqual([
      ['snap/1 plain', true],
      ['snap/2 get user', false],
      ['snap/3 plain', true],
    ]);
    expect(JSON.stringify(result.results[1])).toMatch(/ENOTDIR|not a (folder|directory)/);
    expect(result.summary).toMatchObject({ failed: 1 });
  });
});
