import { describe, expect, it } from 'vitest';
import { binTextWarnings, type HeaderFlags } from './bin-header-warnings.js';
import { headerRow } from './request-mapping.js';

// The warning for a -bin header value that is not base64 names the header and the value's length,
// never the value (it may be a token, and the line lands in CI logs); a {{variable}} in it is
// said not to be substituted, because headerRow encodes the text as typed.
const flags = (...H: string[]): HeaderFlags => ({ H, 'rpc-header': [], 'reflect-header': [] });

describe('binTextWarnings', () => {
  it('names the flag, the header and the length, not the value', () => {
    expect(binTextWarnings(flags('x-key-bin: tok3n!secret'))).toEqual([
      'Warning: -H x-key-bin: its value (12 characters) is not base64, ' +
        'so its text is sent as it is (as grpcurl does)\n',
    ]);
  });

  it('says a {{variable}} in the value is not substituted', () => {
    const [warning] = binTextWarnings(flags('x-key-bin: {{token}}'));
    expect(warning).toContain('{{variables}} in it are not substituted');
    expect(warning).not.toContain('{{token}}');
  });

  it('which is what the document gets: the base64 of the braces as typed', () => {
    expect(headerRow('x-key-bin: {{token}}', 'H').value).toBe(
      Buffer.from('{{token}}').toString('base64'),
    );
  });

  it('says nothing of base64 values or text headers', () => {
    expect(binTextWarnings(flags('x-key-bin: AAEC', 'x-key: {{token}} !'))).toEqual([]);
  });
});
