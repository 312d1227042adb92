import { describe, expect, it } from 'vitest';
import { newRequest, type RequestDocument } from '../request/document.js';
import { parseGrpcurlArgs } from './parse-args.js';
import { applyGrpcurlFlags } from './to-request.js';

// Flags over a saved request: what `gwb request run`, `gwb run` and `gwb replay` take.
const saved: RequestDocument = {
  ...newRequest(
    { address: '{{host}}', security: { kind: 'tls', caFile: 'certs/ca.pem' } },
    '/example.UserService/GetUser',
  ),
  metadata: [{ key: 'x-saved', value: '1' }],
  deadlineMs: 5000,
};
const over = (...argv: string[]): RequestDocument =>
  applyGrpcurlFlags(saved, parseGrpcurlArgs(argv).flags);

describe('applyGrpcurlFlags', () => {
  it('leaves the document alone when no flag is given', () => {
    expect(over()).toEqual(saved);
  });

  it('replaces the security with -plaintext, or extends the TLS settings', () => {
    expect(over('-plaintext').connection.security).toEqual({ kind: 'plaintext' });
    expect(over('-servername', 'api.internal', '-insecure').connection.security).toEqual({
      kind: 'tls',
      caFile: 'certs/ca.pem',
      skipVerify: true,
      serverName: 'api.internal',
    });
    const plain: RequestDocument = {
      ...saved,
      connection: { address: 'h:1', security: { kind: 'plaintext' } },
    };
    expect(
      applyGrpcurlFlags(plain, parseGrpcurlArgs(['-cacert', 'ca.pem']).flags).connection.security,
    ).toEqual({ kind: 'tls', caFile: 'ca.pem' });
  });

  it('adds headers after the saved ones and sets times and sizes', () => {
    const doc = over(
      '-rpc-header',
      'authorization: Bearer t',
      '-connect-timeout',
      '2',
      '-max-time',
      '0.5',
      '-max-msg-sz',
      '100',
    );
    expect(doc.metadata).toEqual([
      { key: 'x-saved', value: '1' },
      { key: 'authorization', value: 'Bearer t' },
    ]);
    expect(doc.connection.connectTimeoutMs).toBe(2000);
    expect(doc.connection.maxReceiveBytes).toBe(100);
    expect(doc.deadlineMs).toBe(500);
  });

  it('names the flag when the result is not a valid document', () => {
    const long = 'x'.repeat(300);
    expect(() => over('-authority', long)).toThrow(/^-authority: /);
  });
});
