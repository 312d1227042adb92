// `npm start`: the desktop app when Electron's binary is installed, otherwise the same workbench
// in the browser (`gwb serve --open`), said in one line. Runs after `npm run build`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary.mjs';

const repo = path.resolve(import.meta.dirname, '..');

/** What `npm start` runs: the command, its arguments, and the line to print first (if any). */
export function startCommand(found, extraArgs = []) {
  if ('binary' in found) return { command: found.binary, args: ['.', ...extraArgs] };
  return {
    command: process.execPath,
    args: [path.join(repo, 'bin', 'gwb.cjs'), 'serve', '--open', ...extraArgs],
    notice: `${found.reason}: serving the workbench in the browser instead (npm run install:electron for the desktop app).`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { command, args, notice } = startCommand(findElectronBinary(repo), process.argv.slice(2));
  if (notice) console.log(notice);
  const child = spawn(command, args, { cwd: repo, stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; pass on what else asks us to stop.
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
