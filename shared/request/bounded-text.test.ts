import { describe, expect, it } from 'vitest';
import { RequestDocumentSchema } from './document.js';
import { newRequest } from './new-request.js';

const problems = (value: unknown): string[] => {
  const r = RequestDocumentSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('text limits of the request document', () => {
  const doc = newRequest({ address: 'localhost:50051', security: { kind: 'plaintext' } });

  it('accepts a plain request', () => {
    expect(problems(doc)).toEqual([]);
  });

  it('says which field is empty, too long or holds a NUL byte', () => {
    expect(
      problems({
        ...doc,
        name: '',
        connection: {
          address: 'x'.repeat(1025),
          security: { kind: 'tls', caFile: 'ca\0.pem', serverName: '' },
        },
        metadata: [{ key: 'k'.repeat(1025), value: 'v' }],
      }),
    ).toEqual([
      'name: must not be empty',
      'connection.address: longer than 1024 characters',
      'connection.security.caFile: must not contain NUL bytes',
      'connection.security.serverName: must not be empty',
      'metadata.0.key: longer than 1024 characters',
    ]);
  });

  it('refuses a schema source file that is empty or not text', () => {
    expect(problems({ ...doc, schema: { kind: 'descriptorSet', files: [''] } })).toEqual([
      'schema.files.0: must not be empty',
    ]);
    expect(problems({ ...doc, notes: 7 })).toHaveLength(1);
  });
});
