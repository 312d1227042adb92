import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../shared/wire/bridge.js';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';
import { startShell, type RunningShell } from './shell.js';
import { electronStandIn, StandInWindow } from './testing/electron-stand-in.js';

const dirs: string[] = [];
const shells: RunningShell[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const shell of shells.splice(0)) await shell.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp(singleInstance = true) {
  const base = mkdtempSync(join(tmpdir(), 'gwb-shell-'));
  dirs.push(base);
  const rendererDir = join(base, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>gwb</title>');
  const userData = join(base, 'userData');
  const electron = electronStandIn({ userData, singleInstance });
  const paths = { rendererDir, preload: join(base, 'preload.cjs'), platform: 'linux' as const };
  return { electron, paths, userData };
}

async function started(singleInstance = true) {
  const ctx = setUp(singleInstance);
  const shell = startShell(ctx.electron, ctx.paths)!;
  shells.push(shell);
  ctx.electron.app.ready();
  await shell.started;
  return { ...ctx, shell };
}

describe('the desktop shell', () => {
  it('a second instance only quits: it hardens nothing and opens nothing', () => {
    const { electron, paths } = setUp(false);
    expect(startShell(electron, paths)).toBeUndefined();
    expect(electron.app.quitCalls).toBe(1);
    expect(electron.protocol.privileged).toEqual([]);
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
  });

  it('before ready: sandbox on, web contents locked down, the app scheme privileged', () => {
    const { electron, paths } = setUp();
    shells.push(startShell(electron, paths)!);
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.protocol.privileged.map((s) => s.scheme)).toEqual([APP_SCHEME]);
    expect(StandInWindow.created).toEqual([]);
  });

  it('once ready: a hardened session, the renderer with its CSP, the menu, IPC and one window', async () => {
    const { electron, paths, shell } = await started();
    expect(await electron.session.defaultSession.requestPermission('media')).toBe(false);
    const page = await electron.protocol.request(`${APP_ORIGIN}/`);
    expect(await page.text()).toBe('<!doctype html><title>gwb</title>');
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(electron.Menu.current?.map((m) => m.role)).toContain('help');

    expect(StandInWindow.created).toHaveLength(1);
    const window = shell.window()!;
    expect(window).toBe(StandInWindow.created[0]);
    expect(StandInWindow.created[0]!.options.webPreferences?.preload).toBe(paths.preload);
    expect(StandInWindow.created[0]!.loaded).toEqual([`${APP_ORIGIN}/index.html`]);

    // The window's top frame reaches the engine, which says it runs in Electron.
    const reply = await electron.ipcMain.invoke(
      IPC_INVOKE_CHANNEL,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      { t: 'call', id: 1, name: 'host.capabilities', input: {} },
    );
    expect(reply).toMatchObject({
      t: 'result',
      output: { host: 'electron', version: '0.0.0-stand-in', filePicker: true },
    });
  });

  it('starts the demo server on the first run only, and keeps data under userData/data', async () => {
    const errors = vi.spyOn(console, 'error');
    const { userData, paths } = await started();
    expect(errors).not.toHaveBeenCalled();
    expect(existsSync(join(userData, 'data'))).toBe(true);
    const marker = join(userData, 'first-run-done');
    writeFileSync(marker, 'first run');
    // The next launch finds the marker and leaves it (and the demo server) alone.
    const again = electronStandIn({ userData });
    const shell = startShell(again, paths)!;
    shells.push(shell);
    again.app.ready();
    await shell.started;
    expect(readFileSync(marker, 'utf8')).toBe('first run');
  });

  it('a second launch focuses the window; closing it quits except on macOS; activate reopens', async () => {
    const { electron, shell } = await started();
    const window = StandInWindow.created[0]!;
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(1);

    window.close();
    expect(shell.window()).toBeUndefined();
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(1);
    electron.app.emit('activate');
    expect(StandInWindow.created).toHaveLength(2);
    electron.app.emit('activate');
    expect(StandInWindow.created).toHaveLength(2);
  });

  it('on macOS closing the last window keeps the app running', async () => {
    const ctx = setUp();
    const shell = startShell(ctx.electron, { ...ctx.paths, platform: 'darwin' })!;
    shells.push(shell);
    ctx.electron.app.ready();
    await shell.started;
    StandInWindow.created[0]!.close();
    ctx.electron.app.emit('window-all-closed');
    expect(ctx.electron.app.quitCalls).toBe(0);
  });

  it('a start that fails says why and exits with 1', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const ctx = setUp();
    // userData is a file: the data folder cannot be made.
    writeFileSync(ctx.userData, 'not a folder');
    const shell = startShell(ctx.electron, ctx.paths)!;
    ctx.electron.app.ready();
    await shell.started;
    expect(ctx.electron.app.exitCode).toBe(1);
    expect(errors).toHaveBeenCalledWith('gRPC Workbench failed to start:', expect.any(Error));
    expect(StandInWindow.created).toEqual([]);
  });
});
