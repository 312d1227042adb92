// Serves the built renderer. Only files inside the static folder, resolved through symlinks, can
// ever be read; everything else is a 404, so `../` in a URL leads nowhere.

import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file to serve for a URL path, or undefined when there is none inside `root`. */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  if (!existsSync(root)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const realRoot = realpathSync(root);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const candidate = resolve(realRoot, relative);
  if (candidate !== realRoot && !candidate.startsWith(realRoot + sep)) return undefined;
  if (!existsSync(candidate)) return undefined;
  const real = realpathSync(candidate);
  if (!real.startsWith(realRoot + sep)) return undefined;
  const stat = statSync(real);
  if (stat.isDirectory()) {
    const index = join(real, 'index.html');
    return existsSync(index) ? index : undefined;
  }
  return stat.isFile() ? real : undefined;
}

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string>): void {
  const size = statSync(file).size;
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentType(file),
    'Content-Length': String(size),
    'Cache-Control': 'no-store',
  });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function notBuiltPage(staticDir: string): string {
  const escaped = staticDir.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gRPC Workbench — renderer not built</title></head>
<body>
<h1>The workbench UI is not built</h1>
<p>The web host is running, but there is no built renderer in <code>${escaped}</code>.</p>
<p>Run <code>npm run build</code> in the project folder, then start <code>gwb serve</code> again.</p>
</body></html>
`;
}
