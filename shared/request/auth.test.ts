import { describe, expect, it } from 'vitest';
import { SavedRequestSchema } from '../workspace/saved-request.js';

// The auth is an optional field of format 2: files written before it read unchanged, and a
// wrong auth is refused with its field path.

const saved = {
  version: 2,
  name: 'Get',
  connection: { address: 'localhost:50051', security: { kind: 'plaintext' } },
  method: '/example.UserService/GetUser',
  messages: [{}],
  metadata: [],
  options: {},
  notes: '',
};

describe('auth in the saved request', () => {
  it('reads a file from before auth existed, with no auth (inherit)', () => {
    const parsed = SavedRequestSchema.parse(saved);
    expect(parsed.auth).toBeUndefined();
    expect(Object.keys(parsed)).not.toContain('auth');
  });

  it('keeps each kind of auth as written', () => {
    for (const auth of [
      { type: 'inherit' },
      { type: 'none' },
      { type: 'bearer', token: '{{token}}' },
      { type: 'basic', username: 'u', password: '{{pw}}' },
      { type: 'apiKey', header: 'x-api-key', value: '{{key}}' },
      { type: 'oauth2', tokenUrl: 'https://a/t', clientId: 'c', clientSecret: '{{s}}' },
    ])
      expect(SavedRequestSchema.parse({ ...saved, auth }).auth).toEqual(auth);
  });

  it('refuses an unknown type or a stray field, naming the path', () => {
    const bad = SavedRequestSchema.safeParse({ ...saved, auth: { type: 'digest' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['auth', 'type']);
    const stray = SavedRequestSchema.safeParse({
      ...saved,
      auth: { type: 'bearer', token: 't', password: 'p' },
    });
    expect(stray.error?.issues[0]?.path).toEqual(['auth']);
  });
});
