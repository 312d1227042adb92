// gwb proxy says when it reads passed-through calls on its main thread (the capture thread's
// program missing beside its bundle): slower forwarding should not be silent.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb, type BuiltGwb } from './built-gwb.testkit.js';
import { gwb } from './cli.testkit.js';
import { EVENT_LOOP_NOTE } from './commands/proxy.js';

let built: BuiltGwb;
let demo: DemoServer;
beforeAll(async () => {
  [built, demo] = await Promise.all([buildGwb('gwb-capture-path-'), startDemoServer({ port: 0 })]);
}, 120_000);
afterAll(async () => {
  await demo?.close();
  if (built) rmSync(built.dir, { recursive: true, force: true });
});

const args = (): string[] => [
  'proxy',
  '--listen',
  '127.0.0.1:0',
  '--target',
  `127.0.0.1:${demo.port}`,
  '-plaintext',
];

describe('gwb proxy: where passed-through calls are read', () => {
  it('a gwb whose bundle has no capture thread beside it says so', async () => {
    // buildGwb builds the CLI bundles alone (no dist/capture-thread.cjs).
    const child = spawn(process.execPath, [built.bin, ...args()], { stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await expect.poll(() => /listening on/.test(out), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => err.includes(EVENT_LOOP_NOTE), { timeout: 20_000 }).toBe(true);
    child.kill('SIGINT');
    await exited;
  });

  it('with the thread (here from source) it says nothing of it', async () => {
    const controller = new AbortController();
    let out = '';
    const run = gwb(args(), {
      signal: controller.signal,
      onStdout: (chunk) => {
        out += chunk;
        if (/listening on/.test(out)) controller.abort();
      },
    });
    const ended = await run;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/stopped after/);
    expect(ended.stderr).not.toContain(EVENT_LOOP_NOTE);
  });
});
