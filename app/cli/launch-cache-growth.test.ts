// gwb's code cache grows with the commands it runs: a command that uses code the runs behind the
// cache did not — a package (a call needs more than `list`) or a command of its own (`list` after
// a call: no new package, but list's code) — writes it again, holding both commands' code, so one
// command's cache never leaves another's code to compile on every start; a command that uses
// nothing new leaves it as it is. The real gwb (bin/gwb.cjs → dist/launch.cjs) against the demo
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

/** A cache's header: the names of the code the runs behind it used, and its CRC. */
function cacheHeader(bundle: 'cli.cjs' | 'deps.cjs'): { used: string[]; crc: string } {
  const bytes = readFileSync(path.join(dir, 'dist', `${bundle}.v8cache`));
  const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
  const match = / used=(\S*) files=\d+ crc=(\d+) *$/.exec(header);
  if (!match) throw new Error(`unexpected cache header: ${header}`);
  return { used: (match[1] ?? '').split(','), crc: match[2] ?? '' };
}

const removeCaches = (): void => {
  for (const bundle of ['cli.cjs', 'deps.cjs'])
    rmSync(path.join(dir, 'dist', `${bundle}.v8cache`), { force: true });
};

const call = (): string[] => [
  '-plaintext',
  '-d',
  '{"id":"1"}',
  target,
  'example.UserService/GetUser',
];

describe('the code cache of deps.cjs', () => {
  it('is written again by a command that uses more packages, then kept', async () => {
    removeCaches();
    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const afterList = cacheHeader('deps.cjs');
    expect(afterList.used).toEqual(expect.arrayContaining(['@grpc/grpc-js', 'list']));

    // A call: the packages of list and the text format's too.
    expect(await gwb(...call())).toContain('"id": "1"');
    const afterCall = cacheHeader('deps.cjs');
    expect(afterCall.used).toEqual(expect.arrayContaining([...afterList.used, 'invoke']));
    expect(afterCall.used.length).toBeGreaterThan(afterList.used.length);
    expect(afterCall.crc).not.toBe(afterList.crc);

    // list again uses nothing the call's cache lacks: nothing is written.
    await gwb('-plaintext', target, 'list');
    expect(cacheHeader('deps.cjs')).toEqual(afterCall);
    await gwb(...call());
    expect(cacheHeader('deps.cjs')).toEqual(afterCall);
  });
});

describe('the code cache of cli.cjs', () => {
  it("is written again by list after a call: no new package, but list's own code", async () => {
    removeCaches();
    expect(await gwb(...call())).toContain('"id": "1"');
    const afterCall = cacheHeader('cli.cjs');
    expect(afterCall.used).toContain('invoke');
    expect(afterCall.used).not.toContain('list');

    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const afterList = cacheHeader('cli.cjs');
    expect(afterList.used).toEqual([...afterCall.used, 'list'].sort());
    expect(afterList.crc).not.toBe(afterCall.crc);

    await gwb(...call());
    await gwb('-plaintext', target, 'list');
    expect(cacheHeader('cli.cjs')).toEqual(afterList);
  });
});
