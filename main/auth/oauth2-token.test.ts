import { afterEach, describe, expect, it } from 'vitest';
import { createTokenCache } from './oauth2-token.js';
import { json, startTokenServer, type TokenServer } from './oauth2.testkit.js';

// RFC 6749 §4.4 against a real HTTP token endpoint: the POST, the cache until expiry, the
// refresh, and errors that name the token URL and the OAuth error.

let server: TokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const params = (url: string) => ({
  tokenUrl: url,
  clientId: 'my client',
  clientSecret: 's3cr:et',
  scope: 'read write',
  audience: 'https://api.example.com',
});

describe('OAuth2 client credentials', () => {
  it('POSTs grant_type, scope and audience with the client in HTTP Basic, and returns the token', async () => {
    server = await startTokenServer(
      json(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }),
    );
    const tokens = createTokenCache();
    expect(await tokens.token(params(server.url))).toBe('tok-1');
    const [seen] = server.requests;
    expect(seen?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(seen!.form)).toEqual({
      grant_type: 'client_credentials',
      scope: 'read write',
      audience: 'https://api.example.com',
    });
    // §2.3.1: each part form-encoded, then base64 of id:secret.
    expect(seen?.authorization).toBe(
      `Basic ${Buffer.from('my+client:s3cr%3Aet').toString('base64')}`,
    );
  });

  it('keeps the token until it nearly expires, then fetches a new one', async () => {
    let n = 0;
    server = await startTokenServer((_req, res) =>
      json(200, { access_token: `tok-${++n}`, expires_in: 60 })(_req, res),
    );
    let now = 1_000_000;
    const tokens = createTokenCache({ now: () => now });
    expect(await tokens.token(params(server.url))).toBe('tok-1');
    now += 40_000;
    expect(await tokens.token(params(server.url))).toBe('tok-1');
    expect(server.requests).toHaveLength(1);
    // 60 s life, renewed 6 s (a tenth) before it ends.
    now += 15_000;
    expect(await tokens.token(params(server.url))).toBe('tok-2');
    expect(server.requests).toHaveLength(2);
    // Another scope is another token.
    expect(await tokens.token({ ...params(server.url), scope: 'admin' })).toBe('tok-3');
    // Two calls at once share one fetch.
    tokens.clear();
    const both = await Promise.all([
      tokens.token(params(server.url)),
      tokens.token(params(server.url)),
    ]);
    expect(both).toEqual(['tok-4', 'tok-4']);
  });

  it('says the token URL and the OAuth error and description on a 401', async () => {
    server = await startTokenServer(
      json(401, { error: 'invalid_client', error_description: 'Client authentication failed' }),
    );
    await expect(createTokenCache().token(params(server.url))).rejects.toThrow(
      `OAuth2 token request to ${server.url} failed: HTTP 401 invalid_client: Client authentication failed`,
    );
  });

  it('gives up after the timeout, saying so', async () => {
    server = await startTokenServer(() => {
      /* never answers */
    });
    await expect(createTokenCache({ timeoutMs: 200 }).token(params(server.url))).rejects.toThrow(
      `OAuth2 token request to ${server.url} failed: no answer within 0.2 s`,
    );
  });

  it('refuses an answer that is not JSON or has no access_token', async () => {
    server = await startTokenServer(json(200, '<html>login</html>'));
    await expect(createTokenCache().token(params(server.url))).rejects.toThrow(
      /failed: the token endpoint answered 200 with a body that is not JSON \(Content-Type application\/json\); nothing was sent$/,
    );
    server.answer = json(200, { token_type: 'Bearer' });
    await expect(createTokenCache().token(params(server.url))).rejects.toThrow(
      /failed: the answer has no "access_token"/,
    );
  });

  it('says where nothing listens and refuses a URL that is not http(s)', async () => {
    server = await startTokenServer(json(200, {}));
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(createTokenCache().token(params(url))).rejects.toThrow(
      new RegExp(`OAuth2 token request to ${url.replace(/[/.]/g, '\\$&')} failed: .*ECONNREFUSED`),
    );
    await expect(createTokenCache().token(params('ftp://x/token'))).rejects.toThrow(
      'auth.tokenUrl: "ftp://x/token" is not an http(s) URL',
    );
  });
});
