// An evaluation error quotes the part of the expression it came from as the user wrote it, not
// the tree compile.ts rewrote (metering calls around literals and loops).
import { describe, expect, it } from 'vitest';
import { callResultFromLog } from './call-result.js';
import { evaluateChecks } from './evaluate.js';
import type { CallEvent } from '../../shared/calls/events.js';

const result = callResultFromLog([
  { seq: 0, t: 0, type: 'started', kind: 'unary' },
  { seq: 1, t: 1, type: 'received', message: { name: 'Ada', tags: ['a'] } },
  { seq: 2, t: 2, type: 'status', status: { code: 0, codeName: 'OK', message: 'OK', details: [] } },
  { seq: 3, t: 3, type: 'ended', durationMs: 3 },
] as CallEvent[]);

const errorOf = (expr: string) =>
  evaluateChecks({ messages: [], assertions: [{ expr }] }, result).assertions[0]?.error;

describe('evaluation errors quote the expression as written', () => {
  it.each([
    ['size([1, 2] + response.name) > 0', '[1, 2] + response.name'],
    ['size(response.tags.map(t, t + 1)) == 1', 't + 1'],
    [
      "size({'k': [response.name]}['k'] + response.name) > 0",
      "{'k': [response.name]}['k'] + response.name",
    ],
  ])('%s', (expr, span) => {
    const error = errorOf(expr);
    expect(error).toMatch(/^type mismatch/);
    expect(error).not.toContain('@gwb');
    expect(error).toContain(`(in ${span})`);
  });
});
