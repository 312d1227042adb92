// The real gwb bundle run against the demo server with a hook preloaded (`node -r`), for tests of
// what a command loads or builds at start-up. The hook's body (CommonJS) sees `asked` (every
// package gwb asks dist/deps.cjs for, in order, noted before it is served), `onServed(fn)` (called
// with each package's specifier and what was served) and `reportAtExit(fn)`: what fn returns is
// written as JSON when the process exits, and comes back as the run's `report`.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../main/demo/demo-server.js';
import { buildGwb } from './built-gwb.testkit.js';

const HOOK_PRELUDE = `const Module = require('node:module');
const fs = require('node:fs');
const asked = [];
const served = [];
const onServed = (fn) => served.push(fn);
let report = () => null;
const reportAtExit = (fn) => (report = fn);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== './deps.cjs' || typeof loaded !== 'function') return loaded;
  return Object.assign((specifier) => {
    asked.push(specifier);
    const value = loaded(specifier);
    for (const fn of served) fn(specifier, value);
    return value;
  }, loaded);
};
process.on('exit', () => fs.writeFileSync(process.env.GWB_HOOK_REPORT, JSON.stringify(report())));
`;

export interface HookedRun<Report> {
  report: Report;
  code: number;
  stdout: string;
  stderr: string;
}

export interface HookedGwb {
  /** The demo server's address (set before the first test). */
  readonly address: string;
  /** Runs `gwb …args` with the hook (`stdin` its input); a non-zero exit is answered, not thrown. */
  run<Report>(args: string[], stdin?: string): Promise<HookedRun<Report>>;
}

/** Builds gwb and starts the demo server before the file's tests; both go after them. */
export function useHookedGwb(prefix: string, hookBody: string): HookedGwb {
  let dir = '';
  let hook = '';
  let demo: DemoServer | undefined;
  let runs = 0;
  const kit = {
    address: '',
    async run<Report>(args: string[], stdin?: string): Promise<HookedRun<Report>> {
      const reportFile = path.join(dir, `report-${++runs}.json`);
      const ended = await new Promise<Omit<HookedRun<Report>, 'report'>>((resolve) => {
        const child = execFile(
          process.execPath,
          ['-r', hook, path.join(dir, 'dist', 'cli.cjs'), ...args],
          { env: { ...process.env, GWB_HOOK_REPORT: reportFile }, timeout: 30_000 },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
        if (stdin !== undefined) child.stdin?.end(stdin);
      });
      return { ...ended, report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report };
    },
  };
  beforeAll(async () => {
    [{ dir }, demo] = await Promise.all([buildGwb(prefix), startDemoServer({})]);
    kit.address = `127.0.0.1:${demo.port}`;
    hook = path.join(dir, 'hook.cjs');
    writeFileSync(hook, `${HOOK_PRELUDE}\n${hookBody}`);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return kit;
}
