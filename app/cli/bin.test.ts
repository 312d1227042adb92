import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { buildGwb } from './built-gwb.testkit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real `gwb` process (built by built-gwb.testkit.ts): exit codes, signals, stdin streaming.
const repo = path.resolve(import.meta.dirname, '../..');
let dir: string;
let gwbBin: string;
const protoFlags = [
  '-import-path',
  path.join(repo, 'resources', 'protos'),
  '-proto',
  'example.proto',
];

beforeAll(async () => {
  ({ dir, bin: gwbBin } = await buildGwb('gwb-bin-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function run(args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [gwbBin, ...args], {
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number | null; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the gwb executable', () => {
  it('prints help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gwb — gRPC Workbench on the command line/);
    expect((await run(['-version'])).stdout).toMatch(/^gwb \d+\.\d+\.\d+\n$/);
  });

  it('exits 2 on a usage error, as grpcurl', async () => {
    const r = await run(['-plaintext', 'localhost:1']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'gwb: too few arguments: give list, describe or SERVICE/METHOD after the address\n' +
        "Try 'gwb -help' for more details.\n",
    });
  });

  // Seven gwb processes one after another (7.7 s in a loaded CI): 90 s is a bound for a hang.
  it('runs the demo server until SIGTERM, and calls it with the exit codes of grpcurl', async () => {
    const server = spawn(process.execPath, [gwbBin, 'demo-server', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) =>
      server.once('exit', (code) => resolve(code)),
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: server.stdout }).once('line', resolve);
        server.once('exit', (code) => reject(new Error(`demo-server exited with ${code}`)));
      });
      const match = /^Demo server listening on 127\.0\.0\.1:(\d+)$/.exec(line);
      expect(match).not.toBeNull();
      const target = `127.0.0.1:${match?.[1]}`;

      const list = await run(['-plaintext', target, 'list']);
      expect(list.stdout).toContain('example.UserService\n');
      const ok = await run([
        '-plaintext',
        '-d',
        '{"id":"1"}',
        target,
        'example.UserService/GetUser',
      ]);
      expect(ok).toEqual({
        code: 0,
        stderr: '',
        stdout: '{\n  "id": "1",\n  "name": "Ada Lovelace",\n  "age": 36\n}\n',
      });
      const missing = await run([
        '-plaintext',
        '-d',
        '{"id":"5"}',
        target,
        'example.UserService/GetUser',
      ]);
      expect(missing.code).toBe(69);
      expect(missing.stderr).toMatch(/^ERROR:\n {2}Code: NotFound\n/);
      // Ctrl-C during an endless stream cancels the call and exits like an interrupted command.
      const tail = spawn(
        process.execPath,
        [
          gwbBin,
          '-plaintext',
          '-d',
          '{"lines":0,"interval_ms":5}',
          target,
          'example.LogService/Tail',
        ],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const tailExit = new Promise<number | null>((resolve) =>
        tail.once('exit', (code) => resolve(code)),
      );
      let tailErr = '';
      tail.stderr.on('data', (chunk: Buffer) => (tailErr += chunk.toString()));
      await new Promise((resolve) => tail.stdout.once('data', resolve));
      tail.kill('SIGINT');
      expect(await tailExit).toBe(130);
      expect(tailErr).toBe('');

      // -d @ on a bidi stream: answers arrive while stdin is still open; the process still ends
      // when the call does (here at -max-time), though nobody closed its stdin.
      const chat = spawn(
        process.execPath,
        [
          gwbBin,
          '-plaintext',
          ...protoFlags,
          '-max-time',
          '3',
          '-d',
          '@',
          target,
          'example.ChatService/Chat',
        ],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      const chatExit = new Promise<number | null>((resolve) =>
        chat.once('exit', (code) => resolve(code)),
      );
      chat.stdin.write('{"sender":"pipe"}\n');
      const answer = await new Promise<string>((resolve) =>
        chat.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
      );
      expect(JSON.parse(answer)).toEqual({ sender: 'Workbench', content: 'Hello, pipe!' });
      expect(await chatExit).toBe(64 + 4);
      chat.stdin.destroy();

      const bidi = await run([
        '-plaintext',
        '-d',
        '{"sender":"a"}{"sender":"b"}',
        target,
        'example.ChatService/Chat',
      ]);
      expect(bidi.stdout.match(/Hello, /g)).toHaveLength(2);
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 90_000);
});
