// Every Electron hardening rule in one place, applied to the app and each web contents it makes.
// The Electron objects come in as parameters (only the parts used, typed by electron.d.ts), so the
// rules are tested against app/electron/testing/electron-stand-in.ts; main.ts passes the real ones.

import type { App, Session, Shell, WebContents } from 'electron';

export const APP_SCHEME = 'gwb-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ShellApi = Pick<Shell, 'openExternal'>;
export type ContentsApi = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
export type AppApi = Pick<App, 'enableSandbox' | 'on'>;
export type SessionApi = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/** http(s) links go to the system browser; every other scheme (file:, javascript:, custom) is refused. */
export function openExternalSafely(shell: ShellApi, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
    void shell.openExternal(parsed.toString());
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function lockDownContents(contents: ContentsApi, shell: ShellApi): void {
  // The app is one page; any navigation is either a link click (send it out) or an attack.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternalSafely(shell, url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(shell, url);
    return { action: 'deny' };
  });
}

/** Call before `app.whenReady()`. */
export function hardenApp(app: AppApi, shell: ShellApi): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, shell));
}

/** Call once the app is ready. */
export function hardenSession(ses: SessionApi): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces: the app protocol sets the CSP itself; this covers any other response.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}
