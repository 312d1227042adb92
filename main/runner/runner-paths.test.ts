// runner.start with an explicit list of request paths (issue 15 §2, "run this request and the
// ones it depends on"): exactly those requests run, in the order given, captured values flowing
// from one to the next; paths outside the target, twice, or with a filter are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { runnerStartInputSchema } from '../../shared/contract/runner-commands.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`);
  // Tree order is by name: "a get user" would run before "b upload" that it depends on.
  r.save('chain/a get user', {
    messages: [{ id: '{{userId}}' }],
    assertions: [{ expr: 'response.name == "Douglas Adams"' }],
  });
  r.save('chain/b upload', {
    method: '/example.BatchService/Upload',
    messages: [{ key: '42', text: 'x' }],
    captures: [{ name: 'userId', expr: 'response.keys[0]' }],
  });
  r.save('chain/c unrelated', { messages: [{ id: '1' }] });
  r.save('other/x', { messages: [{ id: '1' }] });
});

afterAll(async () => {
  await r.close();
  await server.close();
});

describe('runner.start paths', () => {
  it('runs exactly the paths given, in their order, captures flowing along', async () => {
    const result = await r.run({ target: 'chain', paths: ['chain/b upload', 'chain/a get user'] });
    expect(result.results.map((x) => [x.path, x.passed])).toEqual([
      ['chain/b upload', true],
      ['chain/a get user', true],
    ]);
    expect(result.results[1]?.assertions).toEqual([
      expect.objectContaining({ expression: 'response.name == "Douglas Adams"', passed: true }),
    ]);
    const { runId } = await r.kit.call('runner.start', {
      target: 'chain',
      paths: ['chain/b upload', 'chain/a get user'],
    });
    await r.kit.call('runner.wait', { runId });
    const started = r.progress(runId).find((p) => p.type === 'started');
    expect(started).toMatchObject({ paths: ['chain/b upload', 'chain/a get user'] });
  });

  it('takes paths under a whole collection, and one path', async () => {
    const result = await r.run({ target: 'chain', paths: ['chain/c unrelated'] });
    expect(result.results.map((x) => x.path)).toEqual(['chain/c unrelated']);
  });

  it('refuses a path not under the target, a path listed twice, and paths with a filter', async () => {
    await expect(r.run({ target: 'chain', paths: ['other/x'] })).rejects.toThrow(
      'not_found: paths[0]: other/x is not a saved request of chain',
    );
    await expect(r.run({ target: 'chain', paths: ['chain/nope'] })).rejects.toThrow(
      'paths[0]: chain/nope is not a saved request of chain',
    );
    await expect(
      r.run({ target: 'chain', paths: ['chain/c unrelated', 'chain/c unrelated'] }),
    ).rejects.toThrow('paths[1]: chain/c unrelated is listed twice');
    const both = runnerStartInputSchema.safeParse({
      target: 'chain',
      paths: ['chain/c unrelated'],
      filter: 'c',
    });
    expect(both.error?.issues[0]).toMatchObject({
      path: ['paths'],
      message: 'give the request paths (paths) or a filter, not both',
    });
  });
});
