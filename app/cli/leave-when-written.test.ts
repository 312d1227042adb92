import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';
import { isOneShot, leaveWhenWritten } from './leave-when-written.js';

/** A stand-in for process.stdout holding `held` bytes not yet written. */
function streamHolding(held: number): NodeJS.WritableStream & { writableLength: number } {
  return Object.assign(new EventEmitter(), { writableLength: held }) as never;
}

describe('leaveWhenWritten', () => {
  it('exits at once when nothing is held', () => {
    const exits: number[] = [];
    leaveWhenWritten(3, { streams: [streamHolding(0)], exit: (c) => exits.push(c) });
    expect(exits).toEqual([3]);
  });

  it('waits for every stream holding output to drain', () => {
    const exits: number[] = [];
    const [out, err] = [streamHolding(10), streamHolding(5)];
    leaveWhenWritten(0, { streams: [out, err, streamHolding(0)], exit: (c) => exits.push(c) });
    out.emit('drain');
    expect(exits).toEqual([]);
    err.emit('drain');
    expect(exits).toEqual([0]);
  });

  it('is for list, describe and calls only', () => {
    expect(isOneShot(new Set(['list']))).toBe(true);
    expect(isOneShot(new Set(['invoke']))).toBe(true);
    expect(isOneShot(new Set(['describe']))).toBe(true);
    expect(isOneShot(new Set())).toBe(false);
    expect(isOneShot(new Set(['serve']))).toBe(false);
    expect(isOneShot(new Set(['run', 'invoke']))).toBe(false);
  });
});

// The real gwb, with a handle left open in the process (as a library might leave one): `list`
// and a call still end once their output is written; the natural end of the process would wait
// for the handle (here a 10-minute timer) and the run would time out.
describe('the built gwb leaves when a one-shot command has answered', () => {
  let dir: string;
  let bin: string;
  let hook: string;
  let demo: DemoServer;
  let address: string;

  beforeAll(async () => {
    [{ dir, bin }, demo] = await Promise.all([buildGwb('gwb-leave-'), startDemoServer({})]);
    address = `127.0.0.1:${demo.port}`;
    hook = path.join(dir, 'open-handle.cjs');
    writeFileSync(hook, 'setTimeout(() => {}, 600_000);\n');
  }, 120_000);

  afterAll(async () => {
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const gwb = (args: string[]) =>
    promisify(execFile)(process.execPath, ['-r', hook, bin, ...args], { timeout: 30_000 });

  it('gwb list', async () => {
    const { stdout } = await gwb(['-plaintext', address, 'list']);
    expect(stdout).toContain('example.UserService\n');
  });

  it('a unary call, and its exit code', async () => {
    const { stdout } = await gwb([
      '-plaintext',
      '-d',
      '{"id":"1"}',
      address,
      'example.UserService/GetUser',
    ]);
    expect(stdout).toContain('"name": "Ada Lovelace"');
    const failed = await gwb([
      '-plaintext',
      '-d',
      '{"id":"999"}',
      address,
      'example.UserService/GetUser',
    ]).catch((error: { code?: number; stderr?: string }) => error);
    expect(failed).toMatchObject({ code: 69 });
  });
});
