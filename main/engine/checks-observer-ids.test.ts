// call.checks keeps the call's id and request path as they are whatever the secrets: a secret
// captured value "1" once masked the digits of the call id, so the UI never matched the event
// to its call. Every value an assertion saw is still masked.
import { describe, expect, it } from 'vitest';
import { CaptureScope } from '../checks/capture-scope.js';
import type { CheckResults } from '../checks/evaluate.js';
import { publishedChecks } from './checks-observer.js';

describe('publishedChecks', () => {
  it('masks secrets in what the assertions saw, never in the call id or path', () => {
    const scope = new CaptureScope();
    scope.set('token', '1', true);
    const results: CheckResults = {
      passed: false,
      assertions: [
        {
          index: 0,
          expr: 'response.id == "2"',
          passed: false,
          seen: [{ path: 'response.id', value: '"1"' }],
        },
      ],
      captures: [{ index: 0, name: 'token', secret: true, value: '1' }],
    };
    const out = publishedChecks(
      { callId: 'call-1-11', requestPath: 'c1/r1', secrets: new Map() },
      results,
      scope,
    );
    expect(out.callId).toBe('call-1-11');
    expect(out.requestPath).toBe('c1/r1');
    expect(out.assertions[0]?.seen?.[0]?.value).toBe('"[secret:token]"');
    expect(out.captures[0]).toEqual({ index: 0, name: 'token', secret: true });
  });

  it('keeps field names and indexes whole for a one-letter secret, and masks the texts', () => {
    const scope = new CaptureScope();
    scope.set('letter', 'e', true);
    const results: CheckResults = {
      passed: false,
      assertions: [
        { index: 0, expr: 'true', passed: true },
        {
          index: 1,
          expr: 'response.name == "e"',
          passed: false,
          error: 'evaluated to false',
          seen: [{ path: 'response.name', value: '"x"' }],
        },
      ],
      captures: [{ index: 1, name: 'other', secret: false, value: 'one' }],
    };
    const out = publishedChecks({ callId: 'c', secrets: new Map([['n', '1']]) }, results, scope);
    expect(out.assertions[1]).toEqual({
      index: 1,
      expr: 'r[secret:letter]spons[secret:letter].nam[secret:letter] == "[secret:letter]"',
      passed: false,
      error: '[secret:letter]valuat[secret:letter]d to fals[secret:letter]',
      seen: [{ path: 'response.name', value: '"x"' }],
    });
    expect(out.captures).toEqual([
      { index: 1, name: 'other', secret: false, value: 'on[secret:letter]' },
    ]);
  });
});
