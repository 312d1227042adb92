// A message with no {{placeholder}} anywhere (values or keys) is sent as it is, not copied; one
// with a placeholder, however deep, is substituted as before.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { deepFreeze } from '../../../shared/json/frozen-json.js';
import {
  makeLookup,
  PROXY_PASSWORD_SECRET,
  substituteRequest,
  substituteWithSecrets,
} from './substitute-request.js';

const lookup = makeLookup(new Map([['who', 'ada']]));

describe('substituting messages', () => {
  it('passes a message without placeholders through as it is', () => {
    const plain = { user: { id: '1', tags: ['a', 'b'], '{ok}': 1 } };
    const deep = { user: { name: '{{who}}', tags: [] } };
    const keyed = { '{{who}}': true };
    const { request, unknown } = substituteRequest(
      sampleRequest({ messages: [plain, deep, keyed] }),
      lookup,
    );
    expect(request.messages[0]).toBe(plain);
    expect(request.messages[1]).toEqual({ user: { name: 'ada', tags: [] } });
    expect(request.messages[1]).not.toBe(deep);
    expect(request.messages[2]).toEqual({ ada: true });
    expect(unknown).toEqual([]);
  });

  it('still reports an unknown variable with where it is', () => {
    const { unknown } = substituteRequest(
      sampleRequest({ messages: [{ a: [{ b: '{{nope}}' }] }] }),
      lookup,
    );
    expect(unknown).toEqual([{ name: 'nope', where: 'messages[0].a[0].b' }]);
  });
});

// A kept saved request is frozen all the way down (frozen-json.ts): one with no placeholder
// anywhere is the request sent, as it is; anything else goes the usual way.
describe('substituting a frozen saved request', () => {
  it('gives one with no placeholder anywhere back as it is', () => {
    const saved = deepFreeze(sampleRequest({ messages: [{ id: '1' }] }));
    const prepared = substituteWithSecrets(saved, lookup, new Map([['token', 's3cret']]));
    expect(prepared.request).toBe(saved);
    expect(prepared.unknown).toEqual([]);
    expect(prepared.secrets).toEqual(new Map([['token', 's3cret']]));
    // Not frozen: the usual copy (it may still change after this).
    const open = sampleRequest({ messages: [{ id: '1' }] });
    expect(substituteRequest(open, lookup).request).not.toBe(open);
  });

  it('substitutes one with a placeholder anywhere, and reports what is unknown', () => {
    const saved = deepFreeze(
      sampleRequest({
        metadata: [
          { key: 'x-who', value: '{{who}}' },
          { key: 'x', value: '{{no}}' },
        ],
      }),
    );
    const { request, unknown } = substituteRequest(saved, lookup);
    expect(request.metadata).toEqual([
      { key: 'x-who', value: 'ada' },
      { key: 'x', value: '{{no}}' },
    ]);
    expect(unknown).toEqual([{ name: 'no', where: 'header "x" (metadata[1].value)' }]);
  });

  it('still names a proxy password among the secrets', () => {
    const saved = deepFreeze(
      sampleRequest({
        connection: {
          address: 'localhost:1',
          security: { kind: 'plaintext' },
          proxy: { url: 'http://proxy:3128', username: 'u', password: 'pw' },
        },
      }),
    );
    expect(substituteRequest(saved, lookup).secrets).toEqual(
      new Map([[PROXY_PASSWORD_SECRET, 'pw']]),
    );
  });
});
