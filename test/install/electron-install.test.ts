// `npm install` must succeed whatever happens to Electron's binary download, and `npm start` must
// then serve the workbench in the browser. npm runs our postinstall (scripts/install-electron.mjs)
// instead of Electron's own install script (allowScripts in package.json), because a failing
// download there made npm 11 remove all of node_modules. The download here fails for real: the
// real electron install script, pointed at a mirror on a closed port.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../free-port.testkit.js';

const repo = path.resolve(import.meta.dirname, '../..');
const script = (name: string) => pathToFileURL(path.join(repo, 'scripts', name)).href;

interface Found {
  binary?: string;
  reason?: string;
}
interface StartCommand {
  command: string;
  args: string[];
  notice?: string;
}

let project: string;
let closedPort: number;

/** A project folder with the electron package (no binary), under the repository so the package's
 * own dependencies (@electron/get, extract-zip) resolve from its node_modules. */
function projectWithElectronPackage(): string {
  mkdirSync(path.join(repo, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(repo, '.tmp', 'electron-install-'));
  const pkg = path.join(dir, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  const real = path.dirname(
    createRequire(import.meta.url).resolve('electron/package.json', { paths: [repo] }),
  );
  for (const file of ['package.json', 'install.js', 'checksums.json', 'index.js'])
    copyFileSync(path.join(real, file), path.join(pkg, file));
  return dir;
}

function runInstallStep(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(repo, 'scripts', 'install-electron.mjs')], {
    cwd: project,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const unreachable = () => ({
  ELECTRON_SKIP_BINARY_DOWNLOAD: '',
  ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`,
  electron_config_cache: path.join(project, 'cache'),
});

beforeAll(async () => {
  // A port nothing listens on: connecting is refused at once.
  closedPort = await freePort();
  project = projectWithElectronPackage();
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the install step', () => {
  it("is what npm runs instead of Electron's own install script", () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      allowScripts: Record<string, boolean>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.scripts.postinstall).toBe('node scripts/install-electron.mjs');
    expect(pkg.scripts.start).toBe('npm run build && node scripts/start.mjs');
    expect(pkg.devDependencies.electron).toBeDefined();
  });

  it("fails where Electron's own script would fail the install, and says what it means", () => {
    // What npm saw when it ran Electron's script: a failure, which failed `npm install`.
    const direct = spawnSync(
      process.execPath,
      [path.join(project, 'node_modules', 'electron', 'install.js')],
      { env: { ...process.env, ...unreachable() }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(direct.status).not.toBe(0);

    const step = runInstallStep(unreachable());
    expect(step.status).toBe(0);
    const lines = step.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Electron: the desktop app's binary could not be downloaded \(.*ECONNREFUSED.*\)\.$/,
    );
    expect(step.stderr).toContain('npm start serves the workbench in the browser instead');
    expect(step.stderr).toContain('npm run install:electron');
    expect(lines.length).toBeLessThanOrEqual(4);
  });

  it('downloads nothing when told to skip', () => {
    const step = runInstallStep({ ...unreachable(), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(step.status).toBe(0);
    expect(step.stdout).toContain('binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD)');
    expect(step.stderr).toBe('');
  });
});

describe('npm start', () => {
  it('serves the workbench in the browser, saying so in one line, when there is no binary', async () => {
    const { findElectronBinary } = (await import(script('electron-binary.mjs'))) as {
      findElectronBinary: (from: string) => Found;
    };
    const { startCommand } = (await import(script('start.mjs'))) as {
      startCommand: (found: Found) => StartCommand;
    };
    const missing = findElectronBinary(project);
    expect(missing).toEqual({ reason: "Electron's binary was not downloaded" });
    const browser = startCommand(missing);
    expect(browser.command).toBe(process.execPath);
    expect(browser.args).toEqual([path.join(repo, 'bin', 'gwb.cjs'), 'serve', '--open']);
    expect(browser.notice).toBe(
      "Electron's binary was not downloaded: serving the workbench in the browser instead (npm run install:electron for the desktop app).",
    );

    // As Electron's install script leaves it after a download: dist/<binary> and path.txt.
    const pkg = path.join(project, 'node_modules', 'electron');
    mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    const found = findElectronBinary(project);
    expect(found).toEqual({ binary: path.join(pkg, 'dist', 'electron') });
    expect(startCommand(found)).toEqual({ command: found.binary, args: ['.'] });
    rmSync(path.join(pkg, 'path.txt'));
    rmSync(path.join(pkg, 'dist'), { recursive: true });
  });
});
