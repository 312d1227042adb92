// A client stream from the real, built gwb puts many messages in few socket writes
// (main/calls/framed-writes.ts). Checked on the bundle, not the source: the bundle shortens the
// packages' names, and a check of grpc-js's handler by class name passed from source while the
// built gwb quietly wrote every message on its own. Seen through a TCP pipe that counts what the
// client's socket delivers (each write reaches it as at least one read).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCountingPipe, type CountingPipe } from '../../main/calls/counting-pipe.testkit.js';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

const MESSAGES = 5_000;

let dir = '';
let bin = '';
let demo: DemoServer | undefined;
let pipe: CountingPipe | undefined;

beforeAll(async () => {
  [{ dir, bin }, demo] = await Promise.all([buildGwb('gwb-batched-'), startDemoServer({})]);
  pipe = await startCountingPipe(demo.port);
}, 120_000);

afterAll(async () => {
  pipe?.close();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function gwbUpload(
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, '-plaintext', '-d', '@', pipe?.address ?? '', 'example.BatchService/Upload'],
      { cwd: path.dirname(bin) },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

it(`${MESSAGES} messages of a client stream reach the server in far fewer writes`, async () => {
  const input = Array.from({ length: MESSAGES }, (_, i) => `{"key":"k${i}","number":1}`).join('\n');
  if (!pipe) throw new Error('no pipe');
  pipe.clientReads = 0;
  const ended = await gwbUpload(input);
  expect(ended.stderr).toBe('');
  expect(ended.code).toBe(0);
  expect(JSON.parse(ended.stdout)).toMatchObject({ count: MESSAGES, total: MESSAGES });
  // Batched: ~10 reads (a few writes per 64 KB, ~100 KB here, plus the connection's own frames).
  // One write a message gave ~375 even with TCP joining many of them on a loaded machine.
  expect(pipe.clientReads).toBeLessThan(MESSAGES / 50);
}, 60_000);
