// "Run with dependencies": which earlier requests a request needs (they capture what it uses).
import { describe, expect, it } from 'vitest';
import type { RequestDocument } from '../../shared/request/index.js';
import { dependencyPaths } from './dependencies.js';

const doc = (over: Partial<RequestDocument>): RequestDocument => ({
  name: 'r',
  connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
  method: '/a.B/C',
  messages: [{}],
  metadata: [],
  options: {},
  notes: '',
  ...over,
});

describe('dependencyPaths', () => {
  const siblings = [
    { path: 'c/1 login', doc: doc({ captures: [{ name: 'token', expr: 'response.token' }] }) },
    { path: 'c/2 other', doc: doc({ captures: [{ name: 'unused', expr: 'response' }] }) },
    {
      path: 'c/3 profile',
      doc: doc({
        messages: [{ id: '{{token}}' }],
        captures: [{ name: 'userId', expr: 'response.id' }],
      }),
    },
    { path: 'c/4 orders', doc: doc({ metadata: [{ key: 'x-user', value: '{{userId}}' }] }) },
  ];

  it('takes the earlier requests that capture what it uses, and what they use in turn', () => {
    expect(dependencyPaths(siblings, 3)).toEqual(['c/1 login', 'c/3 profile', 'c/4 orders']);
  });

  it('is the request alone when it uses no captured value', () => {
    expect(dependencyPaths(siblings, 1)).toEqual(['c/2 other']);
  });
});
