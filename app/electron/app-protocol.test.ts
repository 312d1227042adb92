// Against real files and a real symlink in a temp dir: the renderer folder, a secret beside it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';
import { StandInNet, StandInProtocol } from './testing/electron-stand-in.js';

// Made at load time: the table of refused paths below names it.
const base = mkdtempSync(join(tmpdir(), 'gwb-app-protocol-'));
let protocol: StandInProtocol;
let net: StandInNet;
beforeAll(() => {
  const renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  // A sibling whose name starts like the root: a naive startsWith(root) would let it through.
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.html'), 'EVIL');
  symlinkSync(join(base, 'secret.txt'), join(renderer, 'leak.txt'));
  symlinkSync(base, join(renderer, 'up'));
  symlinkSync(join(renderer, 'index.html'), join(renderer, 'inside.html'));
  protocol = new StandInProtocol();
  net = new StandInNet();
  serveRenderer(protocol, net, renderer);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (path: string) => protocol.request(`${APP_SCHEME}://app${path}`);

describe('the app:// protocol', () => {
  it('registers its scheme as standard and secure, before ready', () => {
    const p = new StandInProtocol();
    registerAppScheme(p);
    expect(p.privileged).toEqual([
      { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer’s files, / as index.html, each with the CSP and nosniff', async () => {
    for (const [path, body] of [
      ['/', '<!doctype html><title>app</title>'],
      ['/index.html', '<!doctype html><title>app</title>'],
      ['/assets/app.js', 'console.log(1)'],
      ['/inside.html', '<!doctype html><title>app</title>'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(body);
      expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
  });

  // Paths as they reach the handler: `new URL` already folds plain `..` segments, so the raw
  // pathname tests use a Request whose URL keeps them (encoded dots survive URL parsing).
  it.each([
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%5c..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    `/${encodeURIComponent(join(base, 'secret.txt'))}`,
    `/%2e%2e/renderer-evil/x.html`,
    '/leak.txt',
    '/up/secret.txt',
    '/up/renderer-evil/x.html',
    '/assets',
    '/missing.html',
    '/%E0%A4%A',
  ])('refuses %s with a 404 and reads nothing', async (path) => {
    const before = net.fetched.length;
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('not found');
    expect(net.fetched.length).toBe(before);
  });

  it('refuses literal .. segments and absolute paths however the URL is written', async () => {
    const handler = protocol.handlers.get(APP_SCHEME)!;
    for (const url of [
      `${APP_SCHEME}://app/../secret.txt`,
      `${APP_SCHEME}://app/assets/../../secret.txt`,
      `${APP_SCHEME}://app//${join(base, 'secret.txt').slice(1)}`,
      `${APP_SCHEME}://app/${join(base, 'secret.txt')}`,
    ]) {
      const res = await handler(new Request(url));
      expect(await res.text(), url).not.toContain('SECRET');
    }
  });

  it('answers only the app host', async () => {
    const res = await protocol.request(`${APP_SCHEME}://other/index.html`);
    expect(res.status).toBe(404);
  });
});
