// A message with no {{placeholder}} anywhere (values or keys) is sent as it is, not copied; one
// with a placeholder, however deep, is substituted as before.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../workspace.testkit.js';
import { makeLookup, substituteRequest } from './substitute-request.js';

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
