import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../shared/contract/errors.js';
import { newRequest } from '../../../shared/request/document.js';
import { TEXT } from '../../../shared/request/text-limits.js';
import { makeLookup, substituteWithSecrets } from './substitute-request.js';

// connection.userAgent is checked by the schema as written; once its {{variables}} are substituted
// it is checked again (the schema's TEXT.userAgent rule, plus printable ASCII as an HTTP/2 header
// value), refused naming the field and never quoting the value, which may hold a secret.
const SECRET = 's3cr3t-value';

function prepare(value: string): () => unknown {
  const request = newRequest({
    address: 'localhost:1',
    security: { kind: 'plaintext' },
    userAgent: 'tool/1 {{ua}}',
  });
  return () =>
    substituteWithSecrets(request, makeLookup(new Map([['ua', value]])), new Map([['ua', value]]));
}

function refusal(run: () => unknown): CommandError {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('a substituted user agent', () => {
  it.each([
    ['a line feed', `${SECRET}\nX-Injected: 1`, 'line break'],
    ['a carriage return', `${SECRET}\r`, 'line break'],
    ['a NUL', `${SECRET}\0`, 'non-printable'],
    ['a non-ASCII letter', `${SECRET}é`, 'non-ASCII'],
    ['too long', SECRET + 'x'.repeat(TEXT.userAgent.max), `longer than ${TEXT.userAgent.max}`],
  ])('with %s is refused naming userAgent, without its value', (_, value, why) => {
    const error = refusal(prepare(value));
    expect(error.code).toBe('invalid_input');
    expect(error.details).toEqual({ field: 'userAgent' });
    expect(error.message).toMatch(/^userAgent: /);
    expect(error.message).toContain(why);
    expect(error.message).not.toContain(SECRET);
  });

  it('printable ASCII up to the limit passes', () => {
    const value = 'x'.repeat(TEXT.userAgent.max - 'tool/1 '.length);
    expect(() => prepare(value)()).not.toThrow();
  });
});
