import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './security.js';
import { StandInWindow } from './testing/electron-stand-in.js';
import { openMainWindow } from './window.js';

// The security list (PRODUCT.md), exactly: a key added, dropped or flipped fails this test.
const SECURE_PREFERENCES = {
  preload: '/app/dist/electron/preload.cjs',
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
  disableBlinkFeatures: 'Auxclick',
};

describe('the main window', () => {
  beforeEach(() => {
    StandInWindow.created.length = 0;
  });

  it('has exactly the webPreferences the security list names', () => {
    openMainWindow(StandInWindow, '/app/dist/electron/preload.cjs', () => {});
    expect(StandInWindow.created[0]!.options.webPreferences).toStrictEqual(SECURE_PREFERENCES);
  });

  it('every window it opens gets them, loads the app origin, shows when ready, reports closing', () => {
    let closed = 0;
    for (let i = 0; i < 2; i++)
      openMainWindow(StandInWindow, '/app/dist/electron/preload.cjs', () => closed++);
    expect(StandInWindow.created).toHaveLength(2);
    for (const window of StandInWindow.created) {
      expect(window.options.webPreferences).toStrictEqual(SECURE_PREFERENCES);
      expect(window.options.show).toBe(false);
      expect(window.loaded).toEqual([`${APP_ORIGIN}/index.html`]);
      expect(window.shown).toBe(false);
      window.emit('ready-to-show');
      expect(window.shown).toBe(true);
      window.close();
    }
    expect(closed).toBe(2);
  });
});
