import { describe, expect, it } from 'vitest';
import { textAsBase64 } from './bin-value.js';
import { GrpcurlError } from './errors.js';
import { headerRow } from './request-mapping.js';

// headerRow is the one reading of a header flag (-H, -rpc-header, -reflect-header), as grpcurl's
// MetadataFromHeaders: split at the first colon, both halves trimmed (Go's TrimSpace), the name
// lower-cased. Whether the name is legal is the engine's check (main/metadata validateEntry).
describe('headerRow (grpcurl -H)', () => {
  it('splits at the first colon, trims the value, lowercases the key', () => {
    expect(headerRow('Authorization: Bearer a:b:c', 'H')).toEqual({
      key: 'authorization',
      value: 'Bearer a:b:c',
    });
    expect(headerRow('x-empty:', 'H')).toEqual({ key: 'x-empty', value: '' });
    expect(headerRow('x-spaces:   no trailing  ', 'H')).toEqual({
      key: 'x-spaces',
      value: 'no trailing',
    });
    expect(headerRow('  X-Key \t: v', 'H')).toEqual({ key: 'x-key', value: 'v' });
  });

  it('a -bin value in base64 is kept, trimmed', () => {
    expect(headerRow('data-bin: q6ur ', 'H')).toEqual({ key: 'data-bin', value: 'q6ur' });
  });

  it('a -bin value that is not base64 is sent as its text (its base64 in the row), as grpcurl', () => {
    expect(headerRow('d-bin: !!!', 'H')).toEqual({ key: 'd-bin', value: textAsBase64('!!!') });
  });

  it('no colon is a name with an empty value, as grpcurl reads `-H name`', () => {
    expect(headerRow('x-flag', 'H')).toEqual({ key: 'x-flag', value: '' });
  });

  it('no name is refused, naming the flag and the text', () => {
    expect(() => headerRow(': value', 'rpc-header')).toThrow(GrpcurlError);
    expect(() => headerRow(': value', 'rpc-header')).toThrow(/header ": value" has no name/);
  });
});
