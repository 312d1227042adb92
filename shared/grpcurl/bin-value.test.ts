import { describe, expect, it } from 'vitest';
import { binValueEncoding, textAsBase64 } from './bin-value.js';
import { parseGrpcurlCommand } from './parse-command.js';

// Go's four decoders as grpcurl tries them (StdEncoding, URLEncoding, RawStdEncoding,
// RawURLEncoding): what each accepts, and what none does.
describe('binValueEncoding', () => {
  it.each([
    ['', 'base64'],
    ['aGVsbG8=', 'base64'],
    ['aGVsbA==', 'base64'],
    ['aGVsbG8', 'base64'],
    ['P/8+', 'base64'],
    ['P_8-Pw==', 'base64url'],
    ['P_8-Pw', 'base64url'],
  ])('%s decodes (%s)', (text, encoding) => {
    expect(binValueEncoding(text)).toBe(encoding);
  });

  it.each(['a', 'aGVsbG8==', 'ab=', 'a===', 'abcde', 'P/8-', 'q6u=r', '!!', 'not base64'])(
    '%s decodes in no alphabet',
    (text) => {
      expect(binValueEncoding(text)).toBeUndefined();
    },
  );

  it('textAsBase64 is the UTF-8 bytes as padded standard base64', () => {
    expect(textAsBase64('!!')).toBe('ISE=');
    expect(textAsBase64('é')).toBe(Buffer.from('é').toString('base64'));
  });
});

// The grpcurl import (UI "paste a grpcurl command") keeps such a header as grpcurl sends it, and
// says so in what it reports, as gwb says it on stderr.
describe('parseGrpcurlCommand with a -bin header that is not base64', () => {
  it('keeps the text as base64 of its bytes and says so', () => {
    const { request, ignored, notes } = parseGrpcurlCommand(
      "grpcurl -plaintext -H 'x-bin: !!' -H 'y-bin: aGk' localhost:1 a.S/M",
    );
    expect(request.metadata).toEqual([
      { key: 'x-bin', value: 'ISE=' },
      { key: 'y-bin', value: 'aGk' },
    ]);
    // Kept, so not among what was not kept: a note of its own.
    expect(ignored).toEqual([]);
    expect(notes).toEqual([
      '-H "x-bin: !!" is not base64: its text is kept and sent, as grpcurl does',
    ]);
  });
});
