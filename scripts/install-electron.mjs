// postinstall: downloads Electron's binary the way Electron's own install script does, but a
// failed download never fails `npm install`. npm (allowScripts: electron false in package.json)
// does not run that script itself: when it failed, npm 11 removed all of node_modules, the CLI
// and the web UI with it. Here a failure prints what it means in a few lines and the install goes
// on; `npm start` then serves the workbench in the browser.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';

/** The first line of the download error that says what went wrong (not the stack frames). */
export function downloadProblem(stderr) {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  return lines.find((l) => /error/i.test(l)) ?? lines[0] ?? 'no output';
}

/** Runs Electron's install script; returns the exit code this step should have (always 0). */
export function installElectron({ from = process.cwd(), env = process.env, log = console } = {}) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    log.log(
      'Electron: binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD); npm start serves the workbench in the browser.',
    );
    return 0;
  }
  const dir = electronPackageDir(from);
  if (dir === undefined) return 0;
  if ('binary' in findElectronBinary(from)) return 0;
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    cwd: dir,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status === 0 && 'binary' in findElectronBinary(from)) return 0;
  const problem = result.error?.message ?? downloadProblem(result.stderr ?? '');
  log.warn(
    [
      `Electron: the desktop app's binary could not be downloaded (${problem}).`,
      '  Everything else is installed: npm start serves the workbench in the browser instead, and gwb works.',
      '  For the desktop app, run `npm run install:electron` where the download host is reachable',
      '  (or set ELECTRON_MIRROR to a mirror you can reach).',
    ].join('\n'),
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(installElectron());
