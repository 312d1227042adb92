import { describe, it, expect } from 'vitest';
import { grpcurlCommand, shellQuote } from './command.js';

describe('grpcurl command', () => {
  it('quotes for a POSIX shell', () => {
    expect(shellQuote('localhost:50051')).toBe('localhost:50051');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
  });
  it('builds a plaintext reflection call with headers, deadline and body', () => {
    const cmd = grpcurlCommand({
      address: 'localhost:50051',
      security: { mode: 'plaintext' },
      schema: { kind: 'reflection', metadata: [{ key: 'x-token', value: 'r' }] },
      method: '/example.UserService/GetUser',
      bodies: ['{\n  "id": "1"\n}'],
      metadata: [
        { key: 'authorization', value: 'Bearer a b' },
        { key: '', value: 'ignored' },
      ],
      deadlineMs: 1500,
    });
    expect(cmd).toBe(
      `grpcurl -plaintext -reflect-header 'x-token: r' -H 'authorization: Bearer a b' -max-time 1.5 -d '{"id":"1"}' localhost:50051 example.UserService/GetUser`,
    );
  });
  it('builds a TLS call with files, authority and several stream messages', () => {
    const cmd = grpcurlCommand({
      address: 'api.example.com:443',
      security: {
        mode: 'tls',
        skipVerify: true,
        caFile: '/c/ca.pem',
        certFile: '/c/me.pem',
        keyFile: '/c/me key.pem',
      },
      authority: 'other.example.com',
      schema: { kind: 'protoFiles', files: ['example.proto'], importPaths: ['/protos'] },
      method: 'example.ChatService/Chat',
      bodies: ['{"sender":"a"}', '{"sender":"O\'Neil"}'],
      metadata: [],
    });
    expect(cmd).toBe(
      `grpcurl -insecure -cacert /c/ca.pem -cert /c/me.pem -key '/c/me key.pem' -authority other.example.com -import-path /protos -proto example.proto -d '{"sender":"a"}\n{"sender":"O'\\''Neil"}' api.example.com:443 example.ChatService/Chat`,
    );
  });
  it('uses -protoset for descriptor sets and omits an empty body', () => {
    expect(
      grpcurlCommand({
        address: 'h:1',
        security: { mode: 'tls' },
        schema: { kind: 'descriptorSet', files: ['a.pb'] },
        method: 's.S/M',
        bodies: [''],
        metadata: [],
        maxMessageBytes: 8388608,
      }),
    ).toBe('grpcurl -protoset a.pb -max-msg-sz 8388608 h:1 s.S/M');
  });
});
