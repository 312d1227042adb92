// The desktop shell's lifecycle: one instance, one window over the engine, hardening applied before
// anything loads. Electron comes in as a parameter (the parts used, typed by electron.d.ts) so this
// runs in tests against app/electron/testing/electron-stand-in.ts; main.ts passes the real module.

import type { App, BaseWindow, BrowserWindowConstructorOptions, Menu } from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine, type HostSecretKey } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import { registerAppScheme, serveRenderer, type NetApi, type ProtocolApi } from './app-protocol.js';
import { registerIpc, sendEvent, type IpcMainApi, type WindowView } from './ipc.js';
import { menuTemplate } from './menu.js';
import { safeStorageKey, type SafeStorageApi } from './safe-storage-key.js';
import { hardenApp, hardenSession, type SessionApi, type ShellApi } from './security.js';
import { openMainWindow, type ShownWindow } from './window.js';
import { pickFilesWith, type DialogApi } from './file-dialog.js';

export type MainWindow = ShownWindow &
  WindowView & { isMinimized(): boolean; restore(): void; focus(): void };

export interface ShellElectron {
  app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'exit'
    | 'on'
    | 'whenReady'
    | 'isReady'
    | 'getPath'
    | 'getVersion'
    | 'enableSandbox'
  >;
  BrowserWindow: (new (options: BrowserWindowConstructorOptions) => MainWindow) & {
    getAllWindows(): unknown[];
  };
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  ipcMain: IpcMainApi;
  net: NetApi;
  protocol: ProtocolApi;
  safeStorage: SafeStorageApi;
  session: { defaultSession: SessionApi };
  shell: ShellApi;
  dialog: DialogApi;
}

export interface ShellPaths {
  /** The built renderer (dist/renderer beside the bundle). */
  rendererDir: string;
  /** The bundled preload script. */
  preload: string;
  platform: NodeJS.Platform;
}

export interface RunningShell {
  /** Settles once the window is open (or the start failed and the app was told to exit). */
  started: Promise<void>;
  /** The open window, if any. */
  window(): MainWindow | undefined;
  /** Closes the engine (what quitting does). */
  close(): Promise<void>;
}

const withSecretKey = (secretKey: HostSecretKey | undefined) => (secretKey ? { secretKey } : {});

export function startShell(electron: ShellElectron, paths: ShellPaths): RunningShell | undefined {
  const { app, BrowserWindow } = electron;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  let mainWindow: MainWindow | undefined;
  let engine: Engine | undefined;

  hardenApp(app, electron.shell);
  registerAppScheme(electron.protocol);

  const createWindow = (): void => {
    mainWindow = openMainWindow(BrowserWindow, paths.preload, () => {
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (paths.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) createWindow();
  });
  const close = async (): Promise<void> => {
    await engine?.close();
    engine = undefined;
  };
  app.on('will-quit', () => void close());

  const start = async (): Promise<void> => {
    hardenSession(electron.session.defaultSession);
    serveRenderer(electron.protocol, electron.net, paths.rendererDir);
    const { Menu } = electron;
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(paths.platform, electron.shell)));

    const userData = app.getPath('userData');
    const dataDir = join(userData, 'data');
    mkdirSync(dataDir, { recursive: true });
    engine = createEngine({
      dataDir,
      host: { kind: 'electron', version: app.getVersion(), filePicker: true },
      emit: (topic, payload) => sendEvent(mainWindow, topic, payload),
      ...withSecretKey(safeStorageKey(electron.safeStorage, dataDir, paths.platform)),
    });
    // Files are chosen in the OS's own dialog here (the web host has none: it answers
    // `unavailable` and the page browses with files.list).
    const handlers = {
      ...engine.handlers,
      'files.pick': pickFilesWith(electron.dialog, () => mainWindow as BaseWindow | undefined),
    };
    const router = createRouter(handlers, {
      onInternalError: (command, error) => console.error(`${command} failed:`, error),
    });
    registerIpc(electron.ipcMain, router, () => mainWindow);

    // A newcomer gets something to call: the embedded demo server, started on the first run.
    const firstRunMarker = join(userData, 'first-run-done');
    if (!existsSync(firstRunMarker)) {
      const reply = await router.invoke('demo.start', { port: 0 });
      if (reply.t === 'error') console.error(`demo server did not start: ${reply.message}`);
      writeFileSync(firstRunMarker, new Date().toISOString());
    }
    createWindow();
  };

  const started = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('gRPC Workbench failed to start:', error);
      app.exit(1);
    });
  return { started, window: () => mainWindow, close };
}
