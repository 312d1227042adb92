import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  hardenApp,
  hardenSession,
  isAppUrl,
  openExternalSafely,
} from './security.js';
import { StandInApp, StandInSession, StandInShell } from './testing/electron-stand-in.js';

const REFUSED_SCHEMES = [
  'file:///etc/passwd',
  'javascript:alert(1)',
  'smb://attacker.example/share',
  'ms-msdt:/id PCWDiagnostic',
  'gwb-app://app/index.html',
  'vscode://file/etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
  '',
];

function hardened() {
  const app = new StandInApp();
  const shell = new StandInShell();
  hardenApp(app, shell);
  return { app, shell, contents: app.createWebContents(`${APP_ORIGIN}/index.html`) };
}

describe('openExternalSafely', () => {
  it('sends http and https links to the system browser', () => {
    const shell = new StandInShell();
    openExternalSafely(shell, 'https://grpc.io/docs/');
    openExternalSafely(shell, 'http://localhost:8080/x');
    expect(shell.opened).toEqual(['https://grpc.io/docs/', 'http://localhost:8080/x']);
  });

  it.each(REFUSED_SCHEMES)('refuses %j', (url) => {
    const shell = new StandInShell();
    openExternalSafely(shell, url);
    expect(shell.opened).toEqual([]);
  });
});

describe('isAppUrl', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/`, true],
    ['gwb-app://app.evil/index.html', false],
    ['gwb-app://other/index.html', false],
    ['https://app/index.html', false],
    ['file:///index.html', false],
    ['about:blank', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('every web contents', () => {
  it('runs sandboxed (app.enableSandbox before ready)', () => {
    expect(hardened().app.sandboxEnabled).toBe(true);
  });

  it('denies navigation anywhere, and sends only http(s) targets to the system browser', () => {
    const { contents, shell } = hardened();
    expect(contents.navigate('https://example.com/docs')).toBe(false);
    expect(contents.navigate(`${APP_ORIGIN}/other.html`)).toBe(false);
    for (const url of REFUSED_SCHEMES) expect(contents.navigate(url)).toBe(false);
    expect(shell.opened).toEqual(['https://example.com/docs']);
  });

  it('denies every window.open, and sends only http(s) targets to the system browser', () => {
    const { contents, shell } = hardened();
    expect(contents.windowOpen('https://example.com/')).toBe('deny');
    expect(contents.windowOpen(`${APP_ORIGIN}/index.html`)).toBe('deny');
    for (const url of REFUSED_SCHEMES) expect(contents.windowOpen(url)).toBe('deny');
    expect(shell.opened).toEqual(['https://example.com/']);
  });

  it('denies redirects and <webview>', () => {
    const { contents } = hardened();
    expect(contents.redirect('https://example.com/')).toBe(false);
    expect(contents.attachWebview()).toBe(false);
  });

  it('applies to web contents made later too (popups, devtools)', () => {
    const { app, shell } = hardened();
    const later = app.createWebContents('about:blank');
    expect(later.navigate('file:///etc/passwd')).toBe(false);
    expect(later.windowOpen('https://example.com/')).toBe('deny');
    expect(shell.opened).toEqual(['https://example.com/']);
  });
});

describe('the session', () => {
  it('denies every permission request, check and device', async () => {
    const ses = new StandInSession();
    hardenSession(ses);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fileSystem',
    ] as const)
      expect(await ses.requestPermission(permission)).toBe(false);
    expect(ses.checkPermission('media', APP_ORIGIN)).toBe(false);
    expect(ses.checkPermission('clipboard-read', APP_ORIGIN)).toBe(false);
    expect(ses.devicePermission('usb', APP_ORIGIN)).toBe(false);
    expect(ses.devicePermission('hid', APP_ORIGIN)).toBe(false);
  });

  it('puts the CSP and nosniff on every response, replacing any the response had', async () => {
    const ses = new StandInSession();
    hardenSession(ses);
    const headers = await ses.receiveHeaders('https://example.com/', {
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src *; script-src 'unsafe-inline'"],
    });
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
  });
});
