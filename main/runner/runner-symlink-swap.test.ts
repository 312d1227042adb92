// A run reads each saved request when it reaches it: a file or a folder of the collection swapped
// for a symlink that leads out of the workspace after the run started (after the tree was read,
// and the texts kept) is refused for that request, not read through the symlink.
import { cpSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo/demo-server.js';
import { removeDir, tempDir } from '../workspace/workspace.testkit.js';
import { ageFiles, swapForSymlink } from '../workspace/store/symlink-swap.testkit.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

let server: DemoServer;
let r: RunnerKit;
// The real path of the folder outside: the refusal names where the symlink really leads.
const outside = realpathSync(tempDir('gwb-runner-swap-outside-'));
/** Told when a call begins (the engine's observers): the test swaps files then. */
let onCallBegins: ((requestPath: string | undefined) => void) | undefined;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  r = await startRunnerKit(() => `127.0.0.1:${server.port}`, {
    observers: [
      (start) => {
        onCallBegins?.(start.requestPath);
        return undefined;
      },
    ],
  });
  // Tree order: folders first, then by name.
  r.save('swap/first/one', { messages: [{ id: '1' }] });
  r.save('swap/second/two', { messages: [{ id: '1' }] });
  r.save('swap/three', { messages: [{ id: '1' }] });
  const collection = path.join(r.ws.dir, 'collections', 'swap');
  // Outside: the same names, as valid requests (read through the symlink, they would run).
  cpSync(path.join(collection, 'second'), path.join(outside, 'second'), { recursive: true });
  cpSync(path.join(collection, 'three.grpc.json'), path.join(outside, 'three.grpc.json'));
  ageFiles([
    path.join(collection, 'first', 'one.grpc.json'),
    path.join(collection, 'second', 'two.grpc.json'),
    path.join(collection, 'three.grpc.json'),
    path.join(outside, 'second', 'two.grpc.json'),
    path.join(outside, 'three.grpc.json'),
  ]);
});

afterAll(async () => {
  await r.close();
  await server.close();
  removeDir(outside);
});

describe('a run whose files are swapped for symlinks leading outside', () => {
  it('refuses the swapped requests read after the run started', async () => {
    // A first run keeps every text (the tree's reads and the sends').
    expect((await r.run({ target: 'swap' })).summary).toMatchObject({ requests: 3, passed: 3 });
    const collection = path.join(r.ws.dir, 'collections', 'swap');
    onCallBegins = (requestPath) => {
      if (requestPath !== 'swap/first/one') return;
      onCallBegins = undefined;
      // The run has read the tree and the first request; the others are read after this.
      swapForSymlink(path.join(collection, 'second'), path.join(outside, 'second'));
      swapForSymlink(
        path.join(collection, 'three.grpc.json'),
        path.join(outside, 'three.grpc.json'),
      );
    };
    const result = await r.run({ target: 'swap' });
    expect(onCallBegins).toBeUndefined();
    expect(result.results.map((x) => [x.path, x.passed])).toEqual([
      ['swap/first/one', true],
      ['swap/second/two', false],
      ['swap/three', false],
    ]);
    expect(result.results[1]?.error).toContain(
      `leads to ${path.join(outside, 'second', 'two.grpc.json')}, outside the workspace folder`,
    );
    expect(result.results[2]?.error).toContain(
      `leads to ${path.join(outside, 'three.grpc.json')}, outside the workspace folder`,
    );
  });
});
