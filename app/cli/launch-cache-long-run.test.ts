// A long-running gwb (an endless stream, the demo server, `gwb serve`) writes its code cache at
// exit. When runs of the same command grew the cache while it ran, its exit must leave their
// cache alone: its own was made from what it found at start, so writing it threw their code away
// (the next run compiled it all again; the bench's demo server did this after every run). The
// real gwb against the demo server in this process.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

let dir: string;
let bin: string;
let demo: DemoServer;
let target: string;

beforeAll(async () => {
  ({ dir, bin } = await buildGwb('gwb-cache-long-run-'));
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  XDG_CACHE_HOME: path.join(dir, 'user-cache'),
});

/** The SHA-256 of the call's caches (cli.cjs's and deps.cjs's), by file. */
function callCaches(): Record<string, string> {
  const names = ['cli.cjs.invoke.v8cache', 'deps.cjs.invoke.v8cache'];
  const hash = (name: string): string =>
    createHash('sha256')
      .update(readFileSync(path.join(dir, 'dist', name)))
      .digest('hex');
  return Object.fromEntries(names.map((name) => [name, hash(name)]));
}

describe('a long-running gwb', () => {
  it('leaves the cache that runs of its command wrote while it ran', async () => {
    for (const name of readdirSync(path.join(dir, 'dist')))
      if (name.endsWith('.v8cache')) rmSync(path.join(dir, 'dist', name));
    // An endless stream, started with no cache at all.
    const tail = spawn(
      process.execPath,
      [bin, '-plaintext', '-d', '{"lines":0,"interval_ms":5}', target, 'example.LogService/Tail'],
      { env: env(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = once(tail, 'exit');
    try {
      await new Promise((resolve) => tail.stdout.once('data', resolve));
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [bin, '-plaintext', '-d', '{"id":"1"}', target, 'example.UserService/GetUser'],
        { env: env(), timeout: 20_000 },
      );
      expect(stdout).toContain('"name": "Ada Lovelace"');
      const written = callCaches();
      tail.kill('SIGINT');
      expect(await exited).toEqual([130, null]);
      // The stream's exit wrote nothing over them.
      expect(callCaches()).toEqual(written);
    } finally {
      tail.kill('SIGKILL'); // a test that failed before the stream ended
    }
  });
});
