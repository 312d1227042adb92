// The one window and the webPreferences the security list names (PRODUCT.md): isolated, sandboxed,
// no Node in any frame or worker, web security on, no <webview>, no drag-drop navigation. The
// options are written inline in `new BrowserWindow({...})` so Electronegativity can read them.

import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN } from './security.js';

/** The parts of a window this module drives (a real BrowserWindow is one). */
export interface ShownWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

/** Opens the app's page in a new window; `onClosed` lets the caller forget it. */
export function openMainWindow<W extends ShownWindow>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  preload: string,
  onClosed: () => void,
): W {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'gRPC Workbench',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would open links in a new window, around the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', onClosed);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
