import { afterEach, describe, expect, it } from 'vitest';
import { createTokenCache } from './oauth2-token.js';
import { json, startTokenServer, type TokenServer } from './oauth2.testkit.js';

// The client secret goes out in the token request and the token comes back in its answer: neither
// may leak through an error, a redirect, plain http to another machine or a shared cache entry,
// and an endless answer is not read to the end. Against a real node:http token endpoint.

const servers: TokenServer[] = [];
async function tokenServer(...args: Parameters<typeof startTokenServer>): Promise<TokenServer> {
  const server = await startTokenServer(...args);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const params = (url: string, clientSecret = 'right-secret') => ({
  tokenUrl: url,
  clientId: 'workbench',
  clientSecret,
});

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the token request to fail');
}

describe('OAuth2 token request safety', () => {
  it('never echoes a successful answer that is not JSON (a form-encoded token)', async () => {
    const server = await tokenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
      res.end('access_token=LEAKED-TOKEN&token_type=bearer');
    });
    const error = await failureOf(createTokenCache().token(params(server.url)));
    expect(error.message).toContain(
      'the token endpoint answered 200 with a body that is not JSON (Content-Type application/x-www-form-urlencoded)',
    );
    expect(
      JSON.stringify({ m: error.message, d: (error as { details?: unknown }).details }),
    ).not.toContain('LEAKED');
  });

  it('stops reading an answer past 1 MiB', async () => {
    const server = await tokenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk);
      res.end();
    });
    await expect(createTokenCache().token(params(server.url))).rejects.toThrow(
      'failed: the answer is larger than 1 MiB',
    );
  });

  it('says "no answer" when the body stalls past the timeout, as before the headers', async () => {
    const server = await tokenServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"access_token":');
    });
    await expect(createTokenCache({ timeoutMs: 300 }).token(params(server.url))).rejects.toThrow(
      `OAuth2 token request to ${server.url} failed: no answer within 0.3 s`,
    );
  });

  it('follows no redirect, so the client secret goes nowhere else', async () => {
    const elsewhere = await tokenServer(json(200, { access_token: 'elsewhere', expires_in: 60 }));
    const server = await tokenServer((_req, res) => {
      res.writeHead(307, { location: elsewhere.url });
      res.end();
    });
    await expect(createTokenCache().token(params(server.url))).rejects.toThrow(
      /failed: the token endpoint answered with a redirect, which is not followed/,
    );
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses plain http to another machine, naming the URL; loopback is allowed', async () => {
    await expect(
      createTokenCache().token(params('http://token.example.invalid/oauth/token')),
    ).rejects.toThrow(
      'auth.tokenUrl: "http://token.example.invalid/oauth/token" is plain http: the client secret would be sent in clear',
    );
    const server = await tokenServer(json(200, { access_token: 'local', expires_in: 60 }));
    const port = new URL(server.url).port;
    expect(await createTokenCache().token(params(`http://127.0.0.1:${port}/oauth/token`))).toBe(
      'local',
    );
  });

  it('never hands a wrong client secret the token fetched with the right one', async () => {
    const right = `Basic ${Buffer.from('workbench:right-secret').toString('base64')}`;
    const server = await tokenServer((req, res) =>
      req.authorization === right
        ? json(200, { access_token: 'tok-right', expires_in: 3600 })(req, res)
        : json(401, { error: 'invalid_client' })(req, res),
    );
    const tokens = createTokenCache();
    expect(await tokens.token(params(server.url))).toBe('tok-right');
    await expect(tokens.token(params(server.url, 'wrong-secret'))).rejects.toThrow(
      'HTTP 401 invalid_client',
    );
    expect(server.requests).toHaveLength(2);
  });
});
