// A zod message quotes what it expected (`Expected 'plaintext' | 'tls'`); a broken workspace file's
// error printed it as `Expected \'plaintext\' | \'tls\'` (review 27 NIT-7): the excerpt escaped
// every quote, where only an excerpt put in quotes (quoteFrom) needs it.
import { describe, expect, it } from 'vitest';
import { RequestDocumentSchema } from '../../shared/request/document.js';
import { validate } from '../workspace/store/json-file.js';
import { sampleRequest } from '../workspace/workspace.testkit.js';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('a workspace file with a security kind that is none of the choices', () => {
  it('names the choices with their quotes as zod wrote them, no backslashes', () => {
    const request = sampleRequest({
      connection: { address: 'h:1', security: { kind: 'plaintext' } },
    }) as unknown as { connection: { security: { kind: string } } };
    request.connection.security.kind = 'mtls';
    const message = messageOf(() => validate(RequestDocumentSchema, request, '/w/get user.json'));
    expect(message).toContain(
      "connection.security.kind: Invalid discriminator value. Expected 'plaintext' | 'tls'",
    );
    expect(message).not.toContain('\\');
  });
});
