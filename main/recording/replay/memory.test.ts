import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/demo-server.js';
import { tempDir } from '../recording.testkit.js';

const PAIRS = 100_000; // 200k messages: 100k sent, 100k received
const LIMIT_MB = 300;

const tmp = tempDir();
let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await demo?.close();
  tmp.remove();
});

interface ChildReport {
  maxRssMb: number;
  status: string;
  sent: number;
  received: number;
  identical: boolean;
}

describe('memory', () => {
  it(`replays and diffs a ${PAIRS * 2}-message recording with peak RSS under ${LIMIT_MB} MB`, async () => {
    // The child holds only the recording code (the server runs here), so its maxRSS is ours.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../testdata/replay-memory.child.ts'),
        `127.0.0.1:${demo.port}`,
        tmp.dir,
        String(PAIRS),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as ChildReport;
    expect(report.status).toBe('OK');
    expect(report.sent).toBe(PAIRS);
    expect(report.received).toBe(PAIRS);
    expect(report.identical, stdout).toBe(true);
    expect(report.maxRssMb, stdout).toBeLessThan(LIMIT_MB);
  }, 90_000);
});
