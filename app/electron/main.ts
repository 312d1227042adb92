// The desktop shell: one window over the engine. Everything here is wiring; the engine, the
// router and the renderer are the same ones the web host and the CLI use.

// Before anything loads @bufbuild/protobuf (see the module).
import '../../main/platform/native-base64.js';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  net,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine, type HostSecretKey } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { registerIpc, sendEvent } from './ipc.js';
import { menuTemplate } from './menu.js';
import { safeStorageKey } from './safe-storage-key.js';
import { hardenApp, hardenSession } from './security.js';
import { openMainWindow } from './window.js';

let mainWindow: BrowserWindow | undefined;

const withSecretKey = (secretKey: HostSecretKey | undefined) => (secretKey ? { secretKey } : {});
let engine: Engine | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenApp(app, shell);
  registerAppScheme(protocol);
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) createWindow();
  });
  app.on('will-quit', () => {
    void engine?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('gRPC Workbench failed to start:', error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  // The bundle lives in dist/electron; the built renderer beside it in dist/renderer.
  serveRenderer(protocol, net, join(import.meta.dirname, '..', 'renderer'));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, shell)));

  const userData = app.getPath('userData');
  const dataDir = join(userData, 'data');
  mkdirSync(dataDir, { recursive: true });
  engine = createEngine({
    dataDir,
    host: { kind: 'electron', version: app.getVersion(), filePicker: true },
    emit: (topic, payload) => sendEvent(mainWindow, topic, payload),
    ...withSecretKey(safeStorageKey(safeStorage, dataDir)),
  });
  const router = createRouter(engine.handlers, {
    onInternalError: (command, error) => console.error(`${command} failed:`, error),
  });
  registerIpc(ipcMain, router, () => mainWindow);

  // A newcomer gets something to call: the embedded demo server, started on the first run.
  const firstRunMarker = join(userData, 'first-run-done');
  if (!existsSync(firstRunMarker)) {
    const reply = await router.invoke('demo.start', { port: 0 });
    if (reply.t === 'error') console.error(`demo server did not start: ${reply.message}`);
    writeFileSync(firstRunMarker, new Date().toISOString());
  }
  createWindow();
}

function createWindow(): void {
  mainWindow = openMainWindow(BrowserWindow, join(import.meta.dirname, 'preload.cjs'), () => {
    mainWindow = undefined;
  });
}
