import { describe, expect, it } from 'vitest';
import { grpcurlCommand, notInGrpcurl } from '../../shared/grpcurl/to-command.js';
import { parseGrpcurlCommand } from '../../shared/grpcurl/index.js';
import { newRequest } from '../../shared/request/new-request.js';
import type { RequestDocument } from '../../shared/request/document.js';
import { plainValues, resolvePlainVariables } from './resolve-for-copy.js';

// Issue 14.5: Copy as grpcurl carries the auth as `-H 'authorization: …'`, with the plain
// variables resolved and a secret left as `{{name}}`.

const base = (auth: RequestDocument['auth']): RequestDocument => ({
  ...newRequest(
    { address: '{{host}}:443', security: { kind: 'plaintext' } },
    '/example.UserService/GetUser',
  ),
  messages: [{ id: '{{user}}' }],
  ...(auth ? { auth } : {}),
});

const values = plainValues([
  { name: 'host', value: 'api.example.com', secret: false, enabled: true },
  { name: 'user', value: 'u-1', secret: false, enabled: true },
  { name: 'token', value: '', secret: true, enabled: true },
  { name: 'off', value: 'x', secret: false, enabled: false },
]);

describe('Copy as grpcurl with auth', () => {
  it('writes Bearer as a header, plain variables resolved, the secret kept as {{token}}', () => {
    const doc = resolvePlainVariables(base({ type: 'bearer', token: '{{token}}' }), values);
    expect(grpcurlCommand(doc)).toBe(
      `grpcurl -plaintext -H 'authorization: Bearer {{token}}' -d '{"id":"u-1"}' api.example.com:443 example.UserService/GetUser`,
    );
    // Read back, the header stays a header (import does not guess an auth).
    const back = parseGrpcurlCommand(grpcurlCommand(doc)).request;
    expect(back.metadata).toEqual([{ key: 'authorization', value: 'Bearer {{token}}' }]);
    expect(back.auth).toBeUndefined();
  });

  it('writes Basic encoded when it holds no variable, an API key in its header', () => {
    const basic = grpcurlCommand(base({ type: 'basic', username: 'alice', password: 'pw' }));
    expect(basic).toContain(`-H 'authorization: Basic ${btoa('alice:pw')}'`);
    const key = grpcurlCommand(base({ type: 'apiKey', header: 'X-Api-Key', value: '{{key}}' }));
    expect(key).toContain(`-H 'x-api-key: {{key}}'`);
  });

  it('says what it cannot carry: a Basic secret, an OAuth2 token, an inherited auth', () => {
    const basic = base({ type: 'basic', username: 'alice', password: '{{pw}}' });
    expect(grpcurlCommand(basic)).not.toContain('authorization');
    expect(notInGrpcurl(basic)).toContain(
      'the Basic auth (its user or password is a {{variable}})',
    );
    const oauth = base({
      type: 'oauth2',
      tokenUrl: 'https://a/t',
      clientId: 'c',
      clientSecret: '{{s}}',
    });
    expect(notInGrpcurl(oauth)).toContain('the OAuth2 token (fetched when the call is sent)');
    expect(notInGrpcurl(base({ type: 'inherit' }))).toContain('the auth inherited from its folder');
    expect(notInGrpcurl(base(undefined))).toEqual([]);
  });
});
