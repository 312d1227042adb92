import { describe, expect, it } from 'vitest';
import { newRequest } from '../request/new-request.js';
import type { RequestDocument } from '../request/document.js';
import { grpcurlCommand, notInGrpcurl } from './to-command.js';

// "Copy as grpcurl" with secrets: the engine hands the exporter the header it resolved the auth
// to; the exporter writes it where it writes the Auth section, and no longer says it cannot.

const doc: RequestDocument = {
  ...newRequest({ address: 'h:1', security: { kind: 'plaintext' } }, '/p.S/M'),
  auth: { type: 'oauth2', tokenUrl: 'https://a/t', clientId: 'c', clientSecret: '{{s}}' },
};
const resolvedAuth = { key: 'authorization', value: "Bearer it's" };

describe('the exporter with a resolved auth', () => {
  it('writes the resolved header in place of the Auth section, for the call and reflection', () => {
    expect(notInGrpcurl(doc)).toContain('the OAuth2 token (fetched when the call is sent)');
    expect(grpcurlCommand(doc, { resolvedAuth })).toBe(
      `grpcurl -plaintext -H 'authorization: Bearer it'\\''s' -d '{}' h:1 p.S/M`,
    );
    expect(notInGrpcurl(doc, { resolvedAuth })).toEqual([]);
  });

  it('writes it when the schema comes from files too', () => {
    const files: RequestDocument = {
      ...doc,
      schema: { kind: 'protoFiles', files: ['a.proto'], importPaths: [] },
    };
    expect(grpcurlCommand(files, { resolvedAuth })).toContain(
      `-proto a.proto -H 'authorization: Bearer it'\\''s' -d`,
    );
  });
});
