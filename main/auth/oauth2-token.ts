// OAuth2 client credentials (RFC 6749 §4.4): the access token is fetched with a POST to the token
// URL, the client authenticated with HTTP Basic (§2.3.1, the method every server must support),
// and kept in memory only, per (token URL, client id, client secret's hash, scope, audience), until
// `expires_in` less a margin; then fetched again. Concurrent calls share one fetch.
// The client secret goes out in this request, so: https only (plain http to loopback alone), no
// redirects followed, and no byte of a successful answer (it holds the token) ever in an error.
import { createHash } from 'node:crypto';
import { CommandError } from '../../shared/contract/errors.js';

export interface OAuth2Params {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  audience?: string;
}

export interface TokenCacheOptions {
  /** How long the token endpoint may take to answer. */
  timeoutMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

export interface TokenCache {
  token(params: OAuth2Params): Promise<string>;
  clear(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** A token is renewed this long before it expires (or at 90 % of a shorter life). */
const RENEW_MARGIN_MS = 30_000;
/** A token answer is a few KiB at most: more is not a token endpoint, and is not read. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

interface Cached {
  token: string;
  renewAt: number;
}

export function createTokenCache(opts: TokenCacheOptions = {}): TokenCache {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cached = new Map<string, Cached>();
  const fetching = new Map<string, Promise<Cached>>();

  return {
    async token(params) {
      const key = cacheKey(params);
      const hit = cached.get(key);
      if (hit && now() < hit.renewAt) return hit.token;
      cached.delete(key);
      let pending = fetching.get(key);
      if (!pending) {
        pending = fetchToken(params, timeoutMs, now).finally(() => fetching.delete(key));
        fetching.set(key, pending);
      }
      const fresh = await pending;
      if (fresh.renewAt > now()) cached.set(key, fresh);
      return fresh.token;
    },
    clear: () => cached.clear(),
  };
}

/** A wrong secret must never be handed the right one's token: its hash is part of the key. */
function cacheKey(params: OAuth2Params): string {
  const secretHash = createHash('sha256').update(params.clientSecret, 'utf8').digest('hex');
  return JSON.stringify([
    params.tokenUrl,
    params.clientId,
    secretHash,
    params.scope,
    params.audience,
  ]);
}

function failure(url: string, why: string, details?: Record<string, unknown>): CommandError {
  return new CommandError(
    'unavailable',
    `OAuth2 token request to ${url} failed: ${why}; nothing was sent`,
    { tokenUrl: url, ...details },
  );
}

/** §2.3.1: the client id and secret are form-encoded, then joined for HTTP Basic. */
function clientBasic(params: OAuth2Params): string {
  const id = encodeURIComponent(params.clientId).replace(/%20/g, '+');
  const secret = encodeURIComponent(params.clientSecret).replace(/%20/g, '+');
  return Buffer.from(`${id}:${secret}`, 'utf8').toString('base64');
}

function refuseUrl(url: string, why: string): CommandError {
  return new CommandError('invalid_input', `auth.tokenUrl: "${url}" ${why}; nothing was sent`, {
    field: 'auth.tokenUrl',
  });
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/** An http(s) URL; plain http only to this machine, since the client secret travels in it. */
function checkedTokenUrl(raw: string): string {
  const url = raw.trim();
  if (!/^https?:\/\//i.test(url)) throw refuseUrl(url, 'is not an http(s) URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuseUrl(url, 'is not a valid URL');
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname))
    throw refuseUrl(
      url,
      'is plain http: the client secret would be sent in clear; use https (plain http is allowed only to localhost, 127.0.0.0/8 and ::1)',
    );
  return url;
}

function isTimeout(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The body, up to MAX_ANSWER_BYTES: past that the stream is cancelled and undefined returned. */
async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function fetchToken(
  params: OAuth2Params,
  timeoutMs: number,
  now: () => number,
): Promise<Cached> {
  const url = checkedTokenUrl(params.tokenUrl);
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (params.scope) body.set('scope', params.scope);
  if (params.audience) body.set('audience', params.audience);
  const startedAt = now();
  let response: Response;
  let text: string | undefined;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${clientBasic(params)}`,
      },
      body,
      // A redirect would carry the client secret wherever the endpoint points.
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await readCapped(response);
  } catch (error) {
    if (isTimeout(error)) throw failure(url, `no answer within ${timeoutMs / 1000} s`);
    const cause = (error as { cause?: Error }).cause;
    if (cause && /redirect/i.test(cause.message))
      throw failure(
        url,
        'the token endpoint answered with a redirect, which is not followed (the client secret would go with it); set the final token URL',
      );
    throw failure(url, cause?.message ?? (error as Error).message);
  }
  if (text === undefined)
    throw failure(url, `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`, {
      status: response.status,
    });
  const json = parseJson(text);
  if (!response.ok) {
    const oauth = oauthError(json);
    throw failure(
      url,
      `HTTP ${response.status}${oauth ? ` ${oauth.error}${oauth.description ? `: ${oauth.description}` : ''}` : ''}`,
      { status: response.status, ...(oauth ?? {}) },
    );
  }
  // A successful answer may hold the token in another form (form-encoded): never echoed.
  const contentType = response.headers.get('content-type') ?? 'none';
  if (json === undefined)
    throw failure(
      url,
      `the token endpoint answered ${response.status} with a body that is not JSON (Content-Type ${contentType})`,
    );
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw failure(
      url,
      `the token endpoint answered ${response.status} with JSON that is not an object (Content-Type ${contentType})`,
    );
  const { access_token: token, expires_in: expiresIn } = json as Record<string, unknown>;
  if (typeof token !== 'string' || token === '')
    throw failure(url, 'the answer has no "access_token"');
  const lifeMs = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn * 1000 : 0;
  // No expires_in: used for this call only (its life is unknown).
  const margin = Math.min(RENEW_MARGIN_MS, lifeMs / 10);
  return { token, renewAt: startedAt + lifeMs - margin };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** RFC 6749 §5.2: `{"error": "...", "error_description": "..."}`. */
function oauthError(json: unknown): { error: string; description?: string } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { error, error_description: description } = json as Record<string, unknown>;
  if (typeof error !== 'string') return undefined;
  return typeof description === 'string' ? { error, description } : { error };
}
