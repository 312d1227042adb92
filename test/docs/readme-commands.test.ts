import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { buildGwb } from '../../app/cli/built-gwb.testkit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { freePort } from '../free-port.testkit.js';
import { readmeCommands, splitComment, type ReadmeCommand } from './readme-commands.js';

// Every `gwb` command of the README, run as written: by the real `gwb` process (the bundle built
// as scripts/build.mjs builds it, started through bin/gwb.cjs, as app/cli/bin.test.ts does), from
// a folder holding a copy of examples/ (commands that write, write there) and the repository's
// resources/, against the demo server. A command must exit as its comment documents (`# exit N`,
// else 0); a server (`gwb serve`, `gwb mock`, `gwb demo-server`) must print its ready line.
const repo = path.resolve(import.meta.dirname, '../..');
const commands = readmeCommands(readFileSync(path.join(repo, 'README.md'), 'utf8'));
const READY = /listening on|Workbench UI at/;

let buildDir: string;
let cwd: string;
let env: NodeJS.ProcessEnv;
let demo: DemoServer;

/** The README's command as this run types it: its gwb, its demo server, free ports. */
async function shellCommand(cmd: ReadmeCommand): Promise<string> {
  let args = cmd.gwbArgs;
  // A second demo server cannot have the first one's port; the others talk to the first.
  args = args.replaceAll('50051', String(cmd.servesForever ? await freePort() : demo.port));
  args = args.replaceAll('50052', String(await freePort()));
  // `gwb serve`'s default port may be taken by someone's workbench on this machine.
  if (/^serve\b/.test(args) && !/--port\b/.test(args)) args += ' --port 0';
  return `exec "${process.execPath}" "${path.join(buildDir, 'bin', 'gwb.cjs')}" ${args}`;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runToEnd(command: string): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts a server command, waits for its ready line, stops it; what it printed, or why not.
 * Answers once the server has exited: it writes its code cache into the build's dist/ as it
 * exits, and the build folder is removed after the last command (ENOTEMPTY if it is still writing).
 */
function runUntilReady(command: string): Promise<{ ready: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env });
    let output = '';
    let ready: boolean | undefined;
    const stop = (isReady: boolean) => {
      if (ready !== undefined) return;
      ready = isReady;
      clearTimeout(timer);
      child.kill('SIGTERM');
    };
    const timer = setTimeout(() => stop(false), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (READY.test(output)) stop(true);
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      if (ready === undefined) output += `\n(exited ${code ?? 'by signal'} before it was ready)`;
      stop(false);
      resolve({ ready: ready ?? false, output });
    });
  });
}

beforeAll(async () => {
  ({ dir: buildDir } = await buildGwb('gwb-readme-'));
  demo = await startDemoServer({ port: 0 });

  cwd = path.join(buildDir, 'cwd');
  cpSync(path.join(repo, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  symlinkSync(path.join(repo, 'resources'), path.join(cwd, 'resources'));
  // The example environments name the README's port; this run's demo server has another.
  const envDir = path.join(cwd, 'examples', 'workspace', 'environments');
  for (const file of readdirSync(envDir)) {
    const text = readFileSync(path.join(envDir, file), 'utf8');
    writeFileSync(path.join(envDir, file), text.replaceAll(':50051', `:${demo.port}`));
  }
  // `--open` must not open a browser on the machine running the tests.
  const noBrowser = path.join(buildDir, 'no-browser');
  mkdirSync(noBrowser);
  for (const opener of ['xdg-open', 'open']) {
    writeFileSync(path.join(noBrowser, opener), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(noBrowser, opener), 0o755);
  }
  env = {
    ...process.env,
    GWB_DATA_DIR: path.join(buildDir, 'data'),
    PATH: `${noBrowser}${path.delimiter}${process.env.PATH ?? ''}`,
  };
});

afterAll(async () => {
  await demo?.close();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('the README', () => {
  it('shows gwb commands in every section that promises them', () => {
    const first = (args: string) => commands.filter((c) => c.gwbArgs.startsWith(args)).length;
    expect(commands.length).toBeGreaterThanOrEqual(15);
    expect(first('serve')).toBeGreaterThan(0);
    expect(first('-plaintext')).toBeGreaterThan(0);
    expect(first('collection ls')).toBeGreaterThan(0);
    expect(first('request run')).toBeGreaterThan(0);
    expect(first('replay')).toBeGreaterThan(0);
    expect(first('mock')).toBeGreaterThan(0);
  });

  it('reads a command with its continuation lines and its documented exit', () => {
    expect(splitComment(`gwb -d '{"a": "#1"}' x # exit 69: NotFound`)).toEqual({
      command: `gwb -d '{"a": "#1"}' x`,
      comment: 'exit 69: NotFound',
    });
    const [cmd] = readmeCommands(
      ['```sh', "npx gwb -d '{}' \\", '    host:1 s/M   # exit 1: why', '```'].join('\n'),
    );
    expect(cmd).toMatchObject({ gwbArgs: "-d '{}'  host:1 s/M", expectedExit: 1, line: 2 });
    expect(readmeCommands(['```', 'gwb list', '```'].join('\n'))).toEqual([]);
  });

  for (const cmd of commands) {
    it(`line ${cmd.line}: ${cmd.command}`, async () => {
      const command = await shellCommand(cmd);
      if (cmd.servesForever) {
        const { ready, output } = await runUntilReady(command);
        expect(ready, `${command}\n${output}`).toBe(true);
        return;
      }
      const result = await runToEnd(command);
      expect(
        result.code,
        `${command}\nexpected exit ${cmd.expectedExit}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`,
      ).toBe(cmd.expectedExit);
    });
  }

  it('names the files gwb replay writes as they are written', () => {
    // "`gwb replay` records … as `<name>.replay.ndjson` (`tail.replay.ndjson` here), or where `--out` says."
    expect(existsSync(path.join(cwd, 'tail.replay.ndjson'))).toBe(true);
    expect(existsSync(path.join(cwd, 'replayed.ndjson'))).toBe(true);
  });
});
