// gwb's code cache grows with the commands it runs: a command that uses packages the run behind
// the cache did not (a call needs more than `list`) writes it again, holding both commands' code,
// so one command's cache never leaves another's code to compile on every start; a command that
// uses no more leaves it as it is. The real gwb (bin/gwb.cjs → dist/launch.cjs) against the demo
// server in this process.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
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
  ({ dir, bin } = await buildGwb('gwb-cache-growth-'));
  demo = await startDemoServer({});
  target = `127.0.0.1:${demo.port}`;
});

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gwb(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args], {
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'user-cache') },
    timeout: 20_000,
  });
  return stdout;
}

/** The header line of deps.cjs's cache: how much code the run that wrote it used, its CRC. */
function depsCacheHeader(): { used: number; crc: string } {
  const bytes = readFileSync(path.join(dir, 'dist', 'deps.cjs.v8cache'));
  const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
  const match = / used=(\d+) files=\d+ crc=(\d+)$/.exec(header);
  if (!match) throw new Error(`unexpected cache header: ${header}`);
  return { used: Number(match[1]), crc: match[2] ?? '' };
}

describe('the code cache of deps.cjs', () => {
  it('is written again by a command that uses more packages, then kept', async () => {
    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const afterList = depsCacheHeader();

    // A call: the packages of list and the text format's too.
    const call = ['-plaintext', '-d', '{"id":"1"}', target, 'example.UserService/GetUser'];
    expect(await gwb(...call)).toContain('"id": "1"');
    const afterCall = depsCacheHeader();
    expect(afterCall.used).toBeGreaterThan(afterList.used);
    expect(afterCall.crc).not.toBe(afterList.crc);

    // list again uses no more than the call did: nothing is written.
    await gwb('-plaintext', target, 'list');
    expect(depsCacheHeader()).toEqual(afterCall);
    await gwb(...call);
    expect(depsCacheHeader()).toEqual(afterCall);
  });
});
