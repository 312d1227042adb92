import { describe, expect, it } from 'vitest';
import { newRequest, type RequestDocument } from '../request/document.js';
import { parseGrpcurlArgs } from './parse-args.js';
import { applyGrpcurlFlags } from './to-request.js';
import { grpcurlArgs } from './to-command.js';

// gwb's own -protocol, -protocol-format and -http1: one connection.protocol, never written back
// as a grpcurl flag (grpcurl has none).
const base: RequestDocument = newRequest(
  { address: 'localhost:8080', security: { kind: 'plaintext' } },
  '/example.UserService/GetUser',
);
const over = (...argv: string[]): RequestDocument =>
  applyGrpcurlFlags(base, parseGrpcurlArgs(argv).flags);

describe('-protocol', () => {
  it('makes connection.protocol, with its format and HTTP/1.1, whatever the order', () => {
    expect(over('-protocol', 'connect').connection.protocol).toEqual({ kind: 'connect' });
    expect(
      over('-http1', '-protocol-format', 'json', '-protocol', 'connect').connection.protocol,
    ).toEqual({ kind: 'connect', codec: 'json', httpVersion: '1.1' });
    expect(over('-protocol', 'grpcweb', '-protocol-format', 'text').connection.protocol).toEqual({
      kind: 'grpcweb',
      encoding: 'text',
    });
  });

  it('-protocol grpc leaves the document as gRPC documents are (no field)', () => {
    const saved = { ...base, connection: { ...base.connection, protocol: { kind: 'connect' } } };
    const doc = applyGrpcurlFlags(
      saved as RequestDocument,
      parseGrpcurlArgs(['-protocol', 'grpc']).flags,
    );
    expect(doc.connection).not.toHaveProperty('protocol');
  });

  it("refuses a format that is not the protocol's, naming the flags", () => {
    expect(() => over('-protocol', 'grpcweb', '-protocol-format', 'json')).toThrow(/-protocol/);
    expect(() => over('-protocol', 'connect', '-protocol-format', 'text')).toThrow(/-protocol/);
  });

  it('an unknown protocol is refused with the choices', () => {
    expect(() => parseGrpcurlArgs(['-protocol', 'http3'])).toThrow(/grpc.*grpcweb.*connect/);
  });

  it('is never written back as a grpcurl flag', () => {
    const args = grpcurlArgs(over('-protocol', 'connect', '-protocol-format', 'json', '-http1'));
    expect(args.join(' ')).not.toMatch(/protocol|http1/);
  });
});
