// gwb's code cache grows with the commands it runs: a run that uses code the runs behind the
// cache did not — a package (-format text's) or a command of its own (`list` after a call: no
// new package, but list's code in cli.cjs) — writes it again, holding both's code, so one
// command's cache never leaves another's code to compile on every start; a run that uses
// nothing new leaves it as it is. deps.cjs has a cache per command (see launch.ts). The real
// gwb (bin/gwb.cjs → dist/launch.cjs) against the demo server in this process.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
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
function cacheHeader(file: string): { used: string[]; crc: string } {
  const bytes = readFileSync(path.join(dir, 'dist', file));
  const header = bytes.subarray(0, bytes.indexOf(0x0a)).toString('latin1');
  const match = / used=(\S*) files=\d+ crc=(\d+) *$/.exec(header);
  if (!match) throw new Error(`unexpected cache header: ${header}`);
  return { used: (match[1] ?? '').split(','), crc: match[2] ?? '' };
}

const removeCaches = (): void => {
  for (const name of readdirSync(path.join(dir, 'dist')))
    if (name.endsWith('.v8cache')) rmSync(path.join(dir, 'dist', name), { force: true });
};

const call = (): string[] => [
  '-plaintext',
  '-d',
  '{"id":"1"}',
  target,
  'example.UserService/GetUser',
];

// deps.cjs is loaded once the command is known, so each command has a cache of its own there:
// list's holds none of the call's code, whatever ran before.
describe('the code cache of deps.cjs', () => {
  it("is one per command: a call does not grow list's, nor list the call's", async () => {
    removeCaches();
    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const list = cacheHeader('deps.cjs.list.v8cache');
    expect(list.used).toEqual(expect.arrayContaining(['@grpc/grpc-js', 'list']));
    expect(list.used).not.toContain('zod');

    expect(await gwb(...call())).toContain('"id": "1"');
    const invoke = cacheHeader('deps.cjs.invoke.v8cache');
    expect(invoke.used).toEqual(expect.arrayContaining(['@grpc/grpc-js', 'invoke']));
    expect(invoke.used).not.toContain('list');
    expect(cacheHeader('deps.cjs.list.v8cache')).toEqual(list);

    await gwb('-plaintext', target, 'list');
    await gwb(...call());
    expect(cacheHeader('deps.cjs.list.v8cache')).toEqual(list);
    expect(cacheHeader('deps.cjs.invoke.v8cache')).toEqual(invoke);
  });

  it('is written again by a run of the command that uses more packages, then kept', async () => {
    removeCaches();
    expect(await gwb(...call())).toContain('"id": "1"');
    const plain = cacheHeader('deps.cjs.invoke.v8cache');
    expect(plain.used).not.toContain('@bufbuild/protobuf/txtpb');

    // -format text: the text format's package too.
    const text = ['-plaintext', '-format', 'text', '-d', 'id: "1"', target];
    expect(await gwb(...text, 'example.UserService/GetUser')).toContain('id: "1"');
    const withText = cacheHeader('deps.cjs.invoke.v8cache');
    expect(withText.used).toEqual(
      expect.arrayContaining([...plain.used, '@bufbuild/protobuf/txtpb']),
    );
    expect(withText.crc).not.toBe(plain.crc);

    // A plain call again uses nothing the cache lacks: nothing is written.
    await gwb(...call());
    expect(cacheHeader('deps.cjs.invoke.v8cache')).toEqual(withText);
  });
});

describe('the code cache of cli.cjs', () => {
  it("is written again by list after a call: no new package, but list's own code", async () => {
    removeCaches();
    expect(await gwb(...call())).toContain('"id": "1"');
    const afterCall = cacheHeader('cli.cjs.v8cache');
    expect(afterCall.used).toContain('invoke');
    expect(afterCall.used).not.toContain('list');

    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const afterList = cacheHeader('cli.cjs.v8cache');
    expect(afterList.used).toEqual([...afterCall.used, 'list'].sort());
    expect(afterList.crc).not.toBe(afterCall.crc);

    await gwb(...call());
    await gwb('-plaintext', target, 'list');
    expect(cacheHeader('cli.cjs.v8cache')).toEqual(afterList);
  });
});
