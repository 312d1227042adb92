// Ctrl-C or SIGTERM while gwb still waits for the server (review 27 SHOULD-7). The server here
// accepts TCP and never speaks HTTP/2: the wait would last the connect timeout (10 s). The built
// gwb must end at once with the interrupted exit (130, 143 for SIGTERM; nothing printed), not
// after run.ts's 2 s wind-down, and leave no engine folder in its TMPDIR (its own). Also: an
// engine never closed (run.ts's exitNow after a second Ctrl-C) has its folder removed at exit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/workspace/index.js';
import { sampleRequest } from '../../main/workspace/workspace.testkit.js';
import { buildGwb } from './built-gwb.testkit.js';
import {
  expectQuietlyInterrupted,
  spawnGwb,
  startSilentServer,
  until,
  type SignalledGwb,
  type SignalledRun,
  type SilentServer,
} from './signalled-gwb.testkit.js';

/** The command line after `gwb -plaintext ADDRESS`. */
const grpcurlStyle = (...args: string[]): string[] => ['-plaintext', silent.address, ...args];

let buildDir = '';
let gwbBin = '';
let silent: SilentServer;
let running: SignalledGwb | undefined;

beforeAll(async () => {
  silent = await startSilentServer();
  ({ dir: buildDir, bin: gwbBin } = await buildGwb('gwb-interrupt-'));
  // `gwb request run` of a saved request to the silent server.
  const ws = openWorkspace(path.join(buildDir, 'ws'));
  ws.saveRequest(
    'c/silent',
    sampleRequest({ connection: { address: silent.address, security: { kind: 'plaintext' } } }),
  );
}, 120_000);

afterAll(() => {
  silent?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

afterEach(() => {
  running?.kill();
  running = undefined;
});

/**
 * Runs gwb in a folder of this case's own (its TMPDIR and data folder) and sends `signal` once it
 * is connecting (and its engine folder exists, for a call).
 */
async function interruptWhileConnecting(
  args: string[],
  signal: NodeJS.Signals,
  hasEngineFolder: boolean,
): Promise<SignalledRun> {
  const scratch = mkdtempSync(path.join(buildDir, 'case-'));
  const before = silent.accepted();
  const gwb = (running = spawnGwb(gwbBin, args, {
    scratch,
    env: { GWB_DATA_DIR: path.join(scratch, 'data') },
  }));
  await until(() => silent.accepted() > before, 'gwb connected to the silent server', gwb);
  if (hasEngineFolder) expect(engineFolders(gwb.tmp)).toHaveLength(1);
  return gwb.interrupt(signal);
}

function engineFolders(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith('gwb-engine-'));
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s while gwb waits for the server', (signal) => {
  it('a call ends at once with 130 and leaves no engine folder', async () => {
    const call = grpcurlStyle('-d', '{"id":"1"}', 'example.UserService/GetUser');
    expectQuietlyInterrupted(await interruptWhileConnecting(call, signal, true), signal);
  });

  it.each([['list'], ['describe', 'example.UserService']])(
    '%s ends at once with 130',
    async (...args) => {
      const run = await interruptWhileConnecting(grpcurlStyle(...args), signal, false);
      expectQuietlyInterrupted(run, signal);
    },
  );

  it('gwb request run ends at once with 130', async () => {
    const args = ['request', 'run', 'c/silent', '--workspace', path.join(buildDir, 'ws')];
    expectQuietlyInterrupted(await interruptWhileConnecting(args, signal, false), signal);
  });
});

describe('an engine left open when the process exits', () => {
  let ownTmp = '';
  beforeEach(() => {
    ownTmp = mkdtempSync(path.join(buildDir, 'tmpdir-'));
  });
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
    expect(engineFolders(ownTmp)).toEqual([]);
  });
});
