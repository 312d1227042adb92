// The loopback web host: the built renderer over HTTP and the contract over a WebSocket at /ws,
// both behind a per-launch token and Host/Origin checks. The CLI's `gwb serve` is this function.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createEngine } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import { notBuiltPage, resolveStatic, sendFile } from './static-files.js';
import {
  contentSecurityPolicy,
  hostAllowed,
  hostPort,
  originAllowed,
  assetKeyFromCookie,
  tokenCookie,
  tokenFromQuery,
  tokensEqual,
  newToken,
} from './security.js';
import { serveSocket } from './socket.js';
import { sendEventFrame } from './event-frames.js';
import { openBrowser } from './open-browser.js';
import { DETACHED_GRACE_MS, watchPageSessions } from './page-sessions.js';

export interface WebHostOptions {
  /** 127.0.0.1 unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dataDir: string;
  open?: boolean;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** For tests: a fixed token instead of a random one. */
  token?: string;
  /**
   * How long running calls outlive the last page (default 30 s): then they are cancelled, and
   * their recordings closed, with that reason. A page reload reattaches well within it.
   */
  detachedGraceMs?: number;
}

export interface WebHost {
  /** `http://HOST:PORT/?token=TOKEN` — what `gwb serve` prints first. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_WS_MESSAGE = 64 * 1024 * 1024;

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  // What the cookie carries instead of the token: it loads the page's files and nothing else.
  const assetKey = newToken();
  mkdirSync(opts.dataDir, { recursive: true });

  const sockets = new Set<WebSocket>();
  const engine = createEngine({
    dataDir: opts.dataDir,
    host: { kind: 'web', filePicker: false },
    emit: (topic, payload) => {
      if (sockets.size === 0) return;
      const frame = JSON.stringify({ t: 'event', topic, payload });
      for (const socket of sockets) sendEventFrame(socket, topic, payload, frame);
    },
  });
  const pages = watchPageSessions({
    graceMs: opts.detachedGraceMs ?? DETACHED_GRACE_MS,
    cancelAll: (reason) => engine.cancelAll(reason),
  });
  const router = createRouter(engine.handlers, {
    onInternalError: (command, error) => console.error(`gwb serve: ${command} failed:`, error),
  });

  let port = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    pages.attached();
    const gone = (): void => {
      // 'error' is followed by 'close'; a socket counts once.
      if (sockets.delete(socket)) pages.detached();
    };
    socket.on('close', gone);
    socket.on('error', gone);
    serveSocket(socket, router);
  });

  const server = createServer((req, res) => handleHttp(req, res));

  /**
   * `engine`: the WebSocket, which only the engine token from the page's URL opens (never the
   * cookie). `page`: the static files, which the token or this host's cookie opens.
   */
  function check(
    req: IncomingMessage,
    door: 'engine' | 'page',
  ): { status: number; reason: string } | { url: URL } {
    if (!hostAllowed(req.headers.host, host, port))
      return { status: 403, reason: 'Host header not allowed' };
    if (!originAllowed(req.headers.origin, req.headers.host))
      return { status: 403, reason: 'Origin not allowed' };
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    } catch {
      return { status: 400, reason: 'bad request URL' };
    }
    if (tokensEqual(tokenFromQuery(url), token)) return { url };
    if (door === 'page' && tokensEqual(assetKeyFromCookie(req, port), assetKey)) return { url };
    return { status: 401, reason: 'missing or wrong token' };
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const base = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    const verdict = check(req, 'page');
    if (!('url' in verdict)) {
      res.writeHead(verdict.status, { ...base, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`${verdict.status} ${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...base, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const headers: Record<string, string> = {
      ...base,
      'Content-Security-Policy': contentSecurityPolicy(req.headers.host ?? hostPort(host, port)),
      'Set-Cookie': tokenCookie(port, assetKey),
    };
    const file = resolveStatic(opts.staticDir, verdict.url.pathname);
    if (file) {
      sendFile(res, file, headers);
      return;
    }
    if (verdict.url.pathname === '/' || verdict.url.pathname === '/index.html') {
      res.writeHead(200, {
        ...headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(notBuiltPage(opts.staticDir));
      return;
    }
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 not found\n');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = check(req, 'engine');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!('url' in verdict)) return refuse(verdict.status, verdict.reason);
    // Browsers always send Origin on a WebSocket; a cross-site page cannot forge ours.
    if (verdict.url.pathname !== '/ws') return refuse(404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  try {
    await new Promise<void>((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolvePromise();
      });
    });
  } catch (error) {
    await engine.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'the port is in use (--port 0 picks a free one)'
        : (error as Error).message;
    throw new Error(`gwb serve cannot listen on ${hostPort(host, opts.port ?? 0)}: ${why}`, {
      cause: error,
    });
  }
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://${hostPort(host, port)}/?token=${token}`;
  if (opts.open) openBrowser(url);

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    token,
    close() {
      closed ??= (async () => {
        pages.close();
        for (const socket of sockets) socket.terminate();
        wss.close();
        const stopped = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await stopped;
        await engine.close();
      })();
      return closed;
    },
  };
}
