/* eslint-disable no-restricted-imports -- the plan is checked with the engine's own filter rule (main/runner/run-plan.ts) */
// "Run with dependencies": which earlier requests a request needs (they capture what it uses), and
// the one filter that runs exactly them, checked with the engine's own filter rule.
import { describe, expect, it } from 'vitest';
import { pathFilter } from '../../main/runner/run-plan.js';
import type { RequestDocument } from '../../shared/request/index.js';
import { dependencyPaths, matchesFilter, planDependencies } from './dependencies.js';

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

describe('planDependencies', () => {
  const all = ['c/1 login', 'c/2 other', 'c/3 profile', 'c/4 orders'];

  it('finds a glob that runs exactly the chain when one exists', () => {
    const plan = planDependencies(['c/1 login', 'c/2 other'], all);
    expect(plan.extra).toEqual([]);
    expect(plan.filter).toBeDefined();
    // The engine's own rule picks exactly these.
    expect(all.filter(pathFilter(plan.filter ?? ''))).toEqual(['c/1 login', 'c/2 other']);
  });

  it('says which other requests run when no one filter picks only the chain', () => {
    const plan = planDependencies(['c/1 login', 'c/3 profile', 'c/4 orders'], all);
    expect(plan.extra).toEqual(['c/2 other']);
    if (plan.filter) expect(all.filter(pathFilter(plan.filter))).toContain('c/2 other');
  });

  it('runs a lone request by its path', () => {
    expect(planDependencies(['c/2 other'], all)).toEqual({ paths: ['c/2 other'], extra: [] });
  });

  it('checks candidates with the engine rule', () => {
    for (const pattern of ['c/?', 'c/*', 'c/1*', 'LOGIN', 'c/**'])
      for (const p of all) expect(matchesFilter(pattern, p)).toBe(pathFilter(pattern)(p));
  });
});
