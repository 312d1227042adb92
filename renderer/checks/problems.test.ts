/* eslint-disable no-restricted-imports -- checked against the engine's own refusal, not a copy of its shape */
// A save refused over an expression: the problems read back from the error, and the cursor offset.
import { describe, expect, it } from 'vitest';
import { refuseInvalidChecks } from '../../main/checks/index.js';
import { offsetOf, refusedChecks } from './problems.js';

describe('refusedChecks', () => {
  it('reads the engine refusal: path, position and words', () => {
    let error: unknown;
    try {
      refuseInvalidChecks({ assertions: [{ expr: 'status.code ==' }] }, 'c/r.grpc.json');
    } catch (e) {
      error = e;
    }
    const problems = refusedChecks(error);
    expect(problems).toHaveLength(1);
    expect(problems?.[0]).toMatchObject({ path: 'assertions[0].expr', line: 1 });
    expect(problems?.[0]?.column).toBeGreaterThan(1);
  });

  it('is null for any other error', () => {
    expect(refusedChecks(new Error('x'))).toBeNull();
    expect(refusedChecks({ details: { issues: [] } })).toBeNull();
  });
});

describe('offsetOf', () => {
  it('turns line:column into an offset, clamped', () => {
    expect(offsetOf('abc\ndef', 2, 2)).toBe(5);
    expect(offsetOf('abc', 1, 99)).toBe(3);
  });
});
