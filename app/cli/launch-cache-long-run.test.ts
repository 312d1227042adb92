// A long-running gwb (the demo server, `gwb serve`) writes its code cache at exit. When calls
// grew the cache while it ran, its exit must leave their cache alone: its own was made from what
// it found at start, so writing it threw the calls' code away and the next call compiled it all
// again (the bench's demo server did this after every run). The real gwb, its own demo server.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGwb } from './built-gwb.testkit.js';

let dir: string;
let bin: string;

beforeAll(async () => {
  ({ dir, bin } = await buildGwb('gwb-cache-long-run-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  XDG_CACHE_HOME: path.join(dir, 'user-cache'),
});

/** The names in the header of cli.cjs's cache. */
function cliCacheUsed(): string[] {
  const bytes = readFileSync(path.join(dir, 'dist', 'cli.cjs.v8cache'));
  const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
  return / used=(\S*) /.exec(header)?.[1]?.split(',') ?? [];
}

describe('a long-running gwb', () => {
  it('leaves the cache that calls wrote while it ran', async () => {
    for (const name of readdirSync(path.join(dir, 'dist')))
      if (name.endsWith('.v8cache')) rmSync(path.join(dir, 'dist', name));
    const server = spawn(process.execPath, [bin, 'demo-server', '--port', '0'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(server, 'exit');
    let out = '';
    const address = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const match = /listening on (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
    });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [bin, '-plaintext', '-d', '{"id":"1"}', address, 'example.UserService/GetUser'],
        { env: env(), timeout: 20_000 },
      );
      expect(stdout).toContain('"name": "Ada Lovelace"');
      expect(cliCacheUsed()).toContain('invoke');
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
    // The demo server's exit wrote nothing over it.
    expect(cliCacheUsed()).toContain('invoke');
    expect(cliCacheUsed()).not.toContain('demo-server');
  });
});
