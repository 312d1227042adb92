// `gwb proxy` in a process of its own (app/cli/run.ts from source, so its capture thread runs
// from source too), stopped with Ctrl-C while a call is open: nothing but the proxy keeps that
// process alive, so its close must keep it alive until the thread has ended the call's recording.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../recording/recording.testkit.js';
import { openHangingTail, startTargetServer, until } from '../capture.testkit.js';

type Obj = Record<string, unknown>;

const repo = path.resolve(import.meta.dirname, '../../..');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const types = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => String((JSON.parse(line) as Obj)['type'] ?? 'header'));

describe('gwb proxy stopped with a call open (its own process)', () => {
  it('prints the call and "stopped after 1 call", and the recording ends', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const target = await startTargetServer();
    cleanup.push(() => target.kill());
    const args = ['--listen', '127.0.0.1:0', '--target', `127.0.0.1:${target.port}`];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'app/cli/run.ts', 'proxy', ...args, '-plaintext', '--record', tmp.dir],
      { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanup.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await until(() => /listening on 127\.0\.0\.1:\d+/.test(out), 'the proxy to listen', 20_000);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);

    const tail = await openHangingTail(port);
    cleanup.push(() => tail.close());
    // The thread has the call (its file is made as it starts) before Ctrl-C.
    await until(() => readdirSync(tmp.dir).length === 1, 'the recording file', 20_000);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // A call open past the writer's flush interval has its own file, named on its line.
    expect(out).toMatch(
      /^\/example\.LogService\/Tail [A-Z_]+ .* 5 received [\d.]+ ms -> \S+Tail\.ndjson$/m,
    );
    expect(out).toMatch(/gwb proxy: stopped after 1 call\n$/);
    const file = path.join(tmp.dir, readdirSync(tmp.dir)[0] as string);
    expect(types(file).slice(-2)).toEqual(['status', 'ended']);
  }, 60_000);
});
