import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { tempDir } from '../recording.testkit.js';
import { buildRecordingIndex, readEventsAt } from './index.js';

const tmp = tempDir();
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

/** Resolves when `check()` is true, polling the file system (the writer gives no other signal). */
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - start;
}

describe('kill -9 during a recording', () => {
  it('leaves a file that reads cleanly up to the last flush', async () => {
    const out = tmp.file('killed.ndjson');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../testdata/record-stream.child.ts'),
        `127.0.0.1:${demo.port}`,
        out,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    try {
      // The child has seen 300 messages; without any further call event the writer's timer must put
      // that message on disk soon (the stream is endless, so nothing but the timer/batch flushes).
      await new Promise<void>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.on('line', (line) => line === 'received 300' && resolve());
        child.once('exit', () => reject(new Error('child exited early')));
      });
      await until(
        () => readFileSync(out, 'utf8').includes('"text":"crash: line 300"'),
        5000,
        'message 300 on disk',
      );
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');

    const index = await buildRecordingIndex(out, 100);
    expect(index.complete).toBe(false);
    expect(index.status).toBeUndefined();
    expect(index.received).toBeGreaterThanOrEqual(300);
    expect(index.header.method).toBe('/example.LogService/Tail');
    // Every event up to the cut is there, numbered without gaps.
    const all = await readEventsAt(index, { seq: 0, limit: index.count });
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i));
    expect(all[0]?.type).toBe('started');
    // A bound for a hang: the child compiles the engine with tsx as it starts (1.3 s idle, 5.5 s
    // in a loaded CI), so the test's time is mostly that, not the writer's.
  }, 60_000);
});
