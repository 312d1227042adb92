// runner.start with a data file (issue 15 §4): the engine reads it with the same parser as
// `gwb run --data` (errors say file:line), a relative path from the workspace folder, one
// iteration per row with the columns as variables; a broken file runs nothing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  r.save('users/get', { messages: [{ id: '{{userId}}' }] });
  writeFileSync(path.join(r.ws.dir, 'users.csv'), 'userId,who\n1,ada\n2,alan\n3,grace\n');
  writeFileSync(path.join(r.ws.dir, 'broken.csv'), 'userId,who\n1,ada\n2,"al"an\n3,grace\n');
});

afterAll(async () => {
  await r.close();
  await server.close();
});

describe('runner data file', () => {
  it('runs one iteration per row of a CSV, its columns as variables', async () => {
    const { runId } = await r.kit.call('runner.start', { target: 'users', dataFile: 'users.csv' });
    const result = await r.kit.call('runner.wait', { runId });
    expect(result.iterations).toBe(3);
    expect(result.results.map((x) => [x.iteration, x.passed, x.responses[0]])).toEqual([
      [1, true, expect.objectContaining({ id: '1', name: 'Ada Lovelace' })],
      [2, true, expect.objectContaining({ id: '2', name: 'Alan Turing' })],
      [3, true, expect.objectContaining({ id: '3', name: 'Grace Hopper' })],
    ]);
    const iterations = r.progress(runId).filter((p) => p.type === 'iteration');
    expect(iterations.map((p) => p.variables)).toEqual(Array(3).fill(['userId', 'who']));
  });

  it('an absolute path works too', async () => {
    const result = await r.run({ target: 'users', dataFile: path.join(r.ws.dir, 'users.csv') });
    expect(result.results).toHaveLength(3);
  });

  it('a broken CSV fails runner.start with file:line, and nothing runs', async () => {
    const before = r.kit.events.filter((e) => e.topic === 'runner.progress').length;
    await expect(r.run({ target: 'users', dataFile: 'broken.csv' })).rejects.toThrow(
      'broken.csv:3: text after a closing quote: "a"',
    );
    expect(r.kit.events.filter((e) => e.topic === 'runner.progress')).toHaveLength(before);
  });

  it('a missing file says so, with the folder relative paths start in', async () => {
    await expect(r.run({ target: 'users', dataFile: 'nope.csv' })).rejects.toThrow(
      `Data file nope.csv: no such file (a relative path starts in ${r.ws.dir})`,
    );
  });

  it('refuses rows and a data file together, in words', async () => {
    await expect(
      r.run({ target: 'users', dataFile: 'users.csv', data: [{ userId: '1' }] }),
    ).rejects.toThrow('give the rows (data) or a data file (dataFile), not both');
  });
});
