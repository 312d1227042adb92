import { describe, expect, it } from 'vitest';
import { newRequest } from '../request/new-request.js';
import type { RequestDocument } from '../request/document.js';
import { grpcurlCommand, notInGrpcurl } from './to-command.js';

// "Copy as grpcurl" says what the command leaves out: grpcurl has no proxy flag (it reads
// https_proxy) and cannot compress what it sends (-compress is gwb's own).

const base: RequestDocument = newRequest(
  { address: 'h:1', security: { kind: 'plaintext' } },
  '/p.S/M',
);

function withConnection(connection: Partial<RequestDocument['connection']>): RequestDocument {
  return { ...base, connection: { ...base.connection, ...connection } };
}

describe('what a grpcurl command leaves out of the connection', () => {
  it('says the proxy is left to https_proxy, explicit or "none"', () => {
    const explicit = withConnection({ proxy: { url: 'http://proxy.corp:3128', username: 'a' } });
    expect(notInGrpcurl(explicit)).toContain('the proxy: grpcurl reads https_proxy only');
    expect(grpcurlCommand(explicit)).not.toContain('proxy.corp');
    expect(notInGrpcurl(withConnection({ proxy: 'none' }))).toContain(
      'the proxy: grpcurl reads https_proxy only',
    );
  });

  it('says compression is left out, and nothing when there is none', () => {
    expect(notInGrpcurl(withConnection({ compression: 'gzip' }))).toContain(
      'compression: grpcurl cannot compress',
    );
    expect(grpcurlCommand(withConnection({ compression: 'gzip' }))).not.toMatch(/compress|gzip/);
    expect(notInGrpcurl(withConnection({ compression: 'identity' }))).toEqual([]);
    expect(notInGrpcurl(base)).toEqual([]);
  });
});
