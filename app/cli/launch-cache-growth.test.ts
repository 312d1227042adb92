// gwb's code caches are one per command, for cli.cjs and deps.cjs alike (see launch.ts), and
// grow with what the command runs: a run that uses code the runs behind its cache did not (the
// package of -format text) writes it again, holding both's code, so the command never compiles
// that code on every start; a run that uses nothing new leaves it as it is. The real gwb
// (bin/gwb.cjs → dist/launch.cjs) against the demo server in this process.
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

// cli.cjs is compiled before gwb knows its command; the launcher takes it from the command line
// (commandGuess), so each command reads a cache of its own there too.
describe('the code cache of cli.cjs', () => {
  it("is one per command: -version's holds no command's code, list's none of a call's", async () => {
    removeCaches();
    expect(await gwb('-version')).toMatch(/^gwb /);
    const version = cacheHeader('cli.cjs.v8cache');
    expect(version.used).toEqual(['cli.cjs']);

    expect(await gwb(...call())).toContain('"id": "1"');
    const invoke = cacheHeader('cli.cjs.invoke.v8cache');
    expect(invoke.used).toEqual(expect.arrayContaining(['invoke', 'deps.cjs']));
    expect(invoke.used).not.toContain('list');

    expect(await gwb('-plaintext', target, 'list')).toContain('example.UserService\n');
    const list = cacheHeader('cli.cjs.list.v8cache');
    expect(list.used).toContain('list');
    expect(list.used).not.toContain('invoke');

    await gwb(...call());
    await gwb('-version');
    await gwb('-plaintext', target, 'list');
    expect(cacheHeader('cli.cjs.v8cache')).toEqual(version);
    expect(cacheHeader('cli.cjs.invoke.v8cache')).toEqual(invoke);
    expect(cacheHeader('cli.cjs.list.v8cache')).toEqual(list);
  });

  it('is written again by a run of the command that uses more, then kept', async () => {
    removeCaches();
    expect(await gwb(...call())).toContain('"id": "1"');
    const plain = cacheHeader('cli.cjs.invoke.v8cache');
    const text = ['-plaintext', '-format', 'text', '-d', 'id: "1"', target];
    expect(await gwb(...text, 'example.UserService/GetUser')).toContain('id: "1"');
    const withText = cacheHeader('cli.cjs.invoke.v8cache');
    expect(withText.used).toEqual(
      expect.arrayContaining([...plain.used, '@bufbuild/protobuf/txtpb']),
    );
    expect(withText.crc).not.toBe(plain.crc);
    await gwb(...call());
    expect(cacheHeader('cli.cjs.invoke.v8cache')).toEqual(withText);
  });
});
