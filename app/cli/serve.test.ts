import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gwb } from './cli.testkit.js';

// `gwb serve`: the web host as the CLI starts it, with a data dir made for this run.
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gwb-'));
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('gwb serve', () => {
  it('prints the URL with its token, serves with it, refuses without it, stops on interrupt', async () => {
    const controller = new AbortController();
    let announce!: (line: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const running = gwb(['serve', '--port', '0', '--data-dir', dataDir], {
      signal: controller.signal,
      onStdout: (chunk) => announce(chunk),
    });
    const line = await announced;
    const match = /^Workbench UI at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n$/.exec(line);
    expect(match).not.toBeNull();
    const url = new URL(match?.[1] ?? '');
    const withToken = await fetch(url);
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toMatch(/<html/i);
    const withoutToken = await fetch(new URL('/', url));
    expect(withoutToken.status).toBeGreaterThanOrEqual(400);
    controller.abort();
    const done = await running;
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
  });

  it('warns that the token travels over plain HTTP when bound beyond loopback', async () => {
    const controller = new AbortController();
    let announce!: (line: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const running = gwb(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', dataDir], {
      signal: controller.signal,
      onStdout: (chunk) => announce(chunk),
    });
    expect(await announced).toMatch(/^Workbench UI at http:\/\/0\.0\.0\.0:\d+\/\?token=/);
    controller.abort();
    const done = await running;
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^gwb: warning: serving on 0\.0\.0\.0, which is not a loopback/);
    expect(done.stderr).toContain('token and every call travel over plain HTTP');
  });

  it('says when the port is taken, in one line', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await gwb(['serve', '--port', String(port), '--data-dir', dataDir]);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `gwb: serve cannot listen on 127.0.0.1:${port}: the port is in use (--port 0 picks a free one)\n`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses unknown options', async () => {
    const r = await gwb(['serve', '--plaintext']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "gwb serve: unknown option -plaintext (it takes --host, --port, --open, --data-dir)\nTry 'gwb serve --help' for more details.\n",
    );
  });
});
