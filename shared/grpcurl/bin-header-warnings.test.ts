import { describe, expect, it } from 'vitest';
import { binTextWarnings, type HeaderFlags } from './bin-header-warnings.js';
import { newRequest, plaintextConnection } from '../request/index.js';
import { grpcurlCommand, parseGrpcurlCommand } from './index.js';
import { headerRow } from './request-mapping.js';

// The warning for a -bin header value that is not base64 names the header and the value's length,
// never the value (it may be a token, and the line lands in CI logs).
const flags = (...H: string[]): HeaderFlags => ({ H, 'rpc-header': [], 'reflect-header': [] });

describe('binTextWarnings', () => {
  it('names the flag, the header and the length, not the value', () => {
    expect(binTextWarnings(flags('x-key-bin: tok3n!secret'))).toEqual([
      'Warning: -H x-key-bin: its value (12 characters) is not base64, ' +
        'so its text is sent as it is (as grpcurl does)\n',
    ]);
  });

  // A {{variable}} is substituted first, as in every other header (and as grpcurl's
  // -expand-headers does): the row keeps it as typed, and no warning says it is sent as text.
  it('keeps a {{variable}} as typed, to be substituted, and does not warn of it', () => {
    expect(binTextWarnings(flags('x-key-bin: {{token}}', 'x-key-bin: AA{{ token }}'))).toEqual([]);
    expect(headerRow('x-key-bin: {{token}}', 'H').value).toBe('{{token}}');
  });

  it('so a copied -bin row with a {{variable}} reads back as it was saved', () => {
    const saved = newRequest(plaintextConnection('localhost:1'), '/a.S/M');
    saved.metadata = [{ key: 'x-key-bin', value: '{{token}}' }];
    const { request } = parseGrpcurlCommand(grpcurlCommand(saved));
    expect(request.metadata).toEqual(saved.metadata);
  });

  it('still sends text without a variable as its base64, braces that are no variable too', () => {
    expect(headerRow('x-key-bin: {{not a name}}', 'H').value).toBe(
      Buffer.from('{{not a name}}').toString('base64'),
    );
    expect(binTextWarnings(flags('x-key-bin: {{not a name}}'))).toHaveLength(1);
  });

  it('says nothing of base64 values or text headers', () => {
    expect(binTextWarnings(flags('x-key-bin: AAEC', 'x-key: {{token}} !'))).toEqual([]);
  });
});
