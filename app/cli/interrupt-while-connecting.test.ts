// Ctrl-C or SIGTERM while gwb still waits for the server (review 27 SHOULD-7). The server here
// accepts TCP and never speaks HTTP/2: the wait would last the connect timeout (10 s). The built
// gwb must end at once with the interrupted exit (130, 143 for SIGTERM; nothing printed), not
// after run.ts's 2 s wind-down, and leave no engine folder in its TMPDIR (its own). Also: an
// engine never closed (run.ts's exitNow after a second Ctrl-C) has its folder removed at exit.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { buildGwb } from './built-gwb.testkit.js';
import { EXIT_OF_SIGNAL } from './signalled-gwb.testkit.js';

/** run.ts gives a command this long to wind down after the first Ctrl-C. */
const WIND_DOWN_MS = 2000;
/** "At once": well inside the wind-down, with room for a loaded machine. */
const PROMPTLY_MS = WIND_DOWN_MS * 0.6;
/** The command line after `gwb -plaintext ADDRESS`. */
const grpcurlStyle = (...args: string[]): string[] => ['-plaintext', address, ...args];

let buildDir = '';
let gwbBin = '';
let silent: Server;
let address = '';
const sockets = new Set<Socket>();
/** Resolved by the silent server's next connection. */
let nextConnection: () => void = () => {};

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    nextConnection();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-interrupt-'));
  // `gwb request run` of a saved request to the silent server.
  const ws = openWorkspace(path.join(buildDir, 'ws'));
  ws.saveRequest(
    'c/silent',
    sampleRequest({ connection: { address, security: { kind: 'plaintext' } } }),
  );
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

let ownTmp = '';
beforeEach(() => {
  ownTmp = mkdtempSync(path.join(buildDir, 'tmpdir-'));
});
afterEach(() => rmSync(ownTmp, { recursive: true, force: true }));

interface Interrupted {
  code: number | null;
  stderr: string;
  /** From the signal to the process's exit. */
  afterSignalMs: number;
}

/** Runs gwb, sends `signal` once it is connecting (and its engine folder exists, for a call). */
async function interruptWhileConnecting(
  args: string[],
  signal: NodeJS.Signals,
  hasEngineFolder: boolean,
): Promise<Interrupted> {
  const connected = new Promise<void>((resolve) => (nextConnection = resolve));
  const child = spawn(process.execPath, [gwbBin, ...args], {
    env: { ...process.env, TMPDIR: ownTmp, GWB_DATA_DIR: path.join(buildDir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await connected;
  if (hasEngineFolder) expect(engineFolders()).toHaveLength(1);
  const signalledAt = Date.now();
  child.kill(signal);
  const code = await exited;
  return { code, stderr, afterSignalMs: Date.now() - signalledAt };
}

function engineFolders(): string[] {
  return readdirSync(ownTmp).filter((name) => name.startsWith('gwb-engine-'));
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s while gwb waits for the server', (signal) => {
  it('a call ends at once with 130 and leaves no engine folder', async () => {
    const call = grpcurlStyle('-d', '{"id":"1"}', 'example.UserService/GetUser');
    const run = await interruptWhileConnecting(call, signal, true);
    expect(run).toMatchObject({ code: EXIT_OF_SIGNAL[signal], stderr: '' });
    expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
    expect(readdirSync(ownTmp)).toEqual([]);
  });

  it.each([['list'], ['describe', 'example.UserService']])(
    '%s ends at once with 130',
    async (...args) => {
      const run = await interruptWhileConnecting(grpcurlStyle(...args), signal, false);
      expect(run).toMatchObject({ code: EXIT_OF_SIGNAL[signal], stderr: '' });
      expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
      expect(readdirSync(ownTmp)).toEqual([]);
    },
  );

  it('gwb request run ends at once with 130', async () => {
    const args = ['request', 'run', 'c/silent', '--workspace', path.join(buildDir, 'ws')];
    const run = await interruptWhileConnecting(args, signal, false);
    expect(run).toMatchObject({ code: EXIT_OF_SIGNAL[signal], stderr: '' });
    expect(run.afterSignalMs).toBeLessThan(PROMPTLY_MS);
  });
});

describe('an engine left open when the process exits', () => {
  // As run.ts's exitNow: process.exit with the engine never closed (a second Ctrl-C, or a
  // wind-down that ran out). Empty, or written into (the recursive removal's case).
  it.each([
    ['empty', ''],
    ['written into', `fs.writeFileSync(path.join(folders()[0], 'x'), 'x');`],
  ])('has its temporary folder removed at exit (%s)', (_, write) => {
    const engineHost = new URL('./engine-host.ts', import.meta.url).pathname;
    const script = `const fs = require('node:fs'); const path = require('node:path');
const tmp = process.env.TMPDIR;
// tsx keeps its cache in TMPDIR too: only the engine's folders count.
const folders = () =>
  fs.readdirSync(tmp).filter((n) => n.startsWith('gwb-engine-')).map((n) => path.join(tmp, n));
import('${engineHost}').then(({ openCliEngine }) => {
  openCliEngine();
  ${write}
  console.log(folders().length);
  process.exit(130);
});`;
    let code = 0;
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        env: { ...process.env, TMPDIR: ownTmp },
        encoding: 'utf8',
      });
    } catch (error) {
      ({ status: code, stdout: out } = error as { status: number; stdout: string });
    }
    expect({ code, out }).toEqual({ code: 130, out: '1\n' });
    expect(engineFolders()).toEqual([]);
  });
});
