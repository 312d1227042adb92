// OAuth2 client credentials (RFC 6749 §4.4): the access token is fetched with a POST to the token
// URL, the client authenticated with HTTP Basic (§2.3.1, the method every server must support),
// and kept in memory only, per (token URL, client id, scope, audience), until `expires_in` less a
// margin; then fetched again. Concurrent calls share one fetch.
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
      const key = JSON.stringify([params.tokenUrl, params.clientId, params.scope, params.audience]);
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

async function fetchToken(
  params: OAuth2Params,
  timeoutMs: number,
  now: () => number,
): Promise<Cached> {
  const url = params.tokenUrl.trim();
  if (!/^https?:\/\//i.test(url))
    throw new CommandError(
      'invalid_input',
      `auth.tokenUrl: "${url}" is not an http(s) URL; nothing was sent`,
      { field: 'auth.tokenUrl' },
    );
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (params.scope) body.set('scope', params.scope);
  if (params.audience) body.set('audience', params.audience);
  const startedAt = now();
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${clientBasic(params)}`,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw failure(url, `no answer within ${timeoutMs / 1000} s`);
    const cause = (error as { cause?: Error }).cause;
    throw failure(url, cause?.message ?? (error as Error).message);
  }
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) {
    const oauth = oauthError(json);
    throw failure(
      url,
      `HTTP ${response.status}${oauth ? ` ${oauth.error}${oauth.description ? `: ${oauth.description}` : ''}` : ''}`,
      { status: response.status, ...(oauth ?? {}) },
    );
  }
  if (json === undefined || typeof json !== 'object' || json === null)
    throw failure(url, `the answer is not a JSON object (${JSON.stringify(text.slice(0, 80))})`);
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
