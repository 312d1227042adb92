// The web host guards a local engine that can read files and open network connections, so every
// request must prove it came from the page we launched: a per-launch token, a Host header that
// names this loopback server (no DNS rebinding) and, where a browser sends one, our own Origin.
//
// Two secrets, because cookies are not scoped by port: a browser sends 127.0.0.1's cookies to
// every service on 127.0.0.1. The engine token opens the WebSocket and only the page itself can
// send it (it reads it from its own URL); the cookie carries a second value, the asset key, that
// only loads the page's static files, so a cookie read by another local service opens nothing.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The cookie's name carries the port: two hosts on one machine keep their cookies apart. */
export function tokenCookieName(port: number): string {
  return `gwb_token_${port}`;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}

/** `host:port` as it must appear in a URL (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The Host header values we answer to. A domain name other than localhost is refused even if it
 * resolves to us: that is exactly what a DNS-rebinding page would send. When bound to a wildcard
 * address the user chose to expose the host; IP literals are then accepted, names still are not.
 */
export function hostAllowed(header: string | undefined, boundHost: string, port: number): boolean {
  if (!header) return false;
  const allowed = new Set([hostPort(boundHost, port), `localhost:${port}`]);
  if (isLoopbackHost(boundHost)) {
    allowed.add(`127.0.0.1:${port}`);
    allowed.add(`[::1]:${port}`);
  }
  const value = header.toLowerCase();
  if (allowed.has(value)) return true;
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(value);
    return m !== null && Number(m[2]) === port && isIP(m[1]!) !== 0;
  }
  return false;
}

/** A browser's Origin must be this very server, as addressed by the Host header it sent. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  return hostHeader !== undefined && origin.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

/** The engine token, which only the page can send: `?token=` (the page reads it from its URL). */
export function tokenFromQuery(url: URL): string | undefined {
  return url.searchParams.get('token') ?? undefined;
}

/** The asset key from this host's cookie (the cookie never carries the engine token). */
export function assetKeyFromCookie(req: IncomingMessage, port: number): string | undefined {
  return cookieValue(req.headers.cookie, tokenCookieName(port));
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function tokenCookie(port: number, assetKey: string): string {
  return `${tokenCookieName(port)}=${assetKey}; HttpOnly; SameSite=Strict; Path=/`;
}

export function contentSecurityPolicy(origin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ws://${origin}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
