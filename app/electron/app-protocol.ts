// The renderer is served from the app's own files through a custom, privileged scheme (not
// file://, which would give the page the whole file system as its origin). No remote content.

import type { Net, Protocol } from 'electron';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

export type ProtocolApi = Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
export type NetApi = Pick<Net, 'fetch'>;

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The real file under root a URL path names, or undefined for anything that would leave root. */
export function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = resolve(root, relative);
  if (!candidate.startsWith(root + sep) || !existsSync(candidate)) return undefined;
  // A symlink inside root may point anywhere: judge where it really lands.
  const real = realpathSync(candidate);
  if (!real.startsWith(root + sep) || !statSync(real).isFile()) return undefined;
  return real;
}

export function serveRenderer(
  protocol: Pick<Protocol, 'handle'>,
  net: NetApi,
  rendererDir: string,
): void {
  const root = existsSync(rendererDir) ? realpathSync(rendererDir) : rendererDir;
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? fileFor(root, url.pathname) : undefined;
    if (!file)
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
