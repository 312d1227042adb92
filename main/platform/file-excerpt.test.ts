import { describe, expect, it } from 'vitest';
import { excerpt, isSecretsFile, jsonErrorReason, quoteFrom } from './file-excerpt.js';

describe('file excerpts in error messages', () => {
  it('are short, with control and invisible characters escaped', () => {
    expect(excerpt('abc')).toBe('abc');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(24)}…`);
    expect(excerpt('a\nb\u0000c\u202ed\u2028')).toBe('a\\nb\\u0000c\\u202ed\\u2028');
    // Quotes are escaped only where the excerpt is put in quotes (quoteFrom), not when shown bare.
    expect(excerpt("it's")).toBe("it's");
  });

  it('show nothing of the secrets files', () => {
    expect(isSecretsFile('/home/u/.config/gwb/secrets.key')).toBe(true);
    expect(isSecretsFile('C:/data/SECRETS.ENC.JSON')).toBe(true);
    expect(isSecretsFile('/w/secrets.key.proto')).toBe(false);
    expect(quoteFrom('/d/secrets.key', 'a3f9')).toBe('(not shown: a secrets file)');
    expect(quoteFrom('/d/a.proto', 'a3f9')).toBe("'a3f9'");
    expect(quoteFrom('/d/a.proto', "it's")).toBe("'it\\'s'");
  });

  it("drop the input V8 quotes in a JSON error and shorten the parser's own quotes", () => {
    const message = (text: string): string => {
      try {
        JSON.parse(text);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    const leaked = 'SECRETSECRETSECRETSECRET';
    expect(jsonErrorReason(message(`{"a": ${leaked}}`), '/w/x.json')).toBe("Unexpected token 'S'");
    expect(jsonErrorReason(message(leaked), '/d/secrets.enc.json')).toBe(
      'Unexpected token (not shown: a secrets file)',
    );
    expect(jsonErrorReason(message('[1,'), '/w/x.json')).toBe('Unexpected end of JSON input');
  });
});
