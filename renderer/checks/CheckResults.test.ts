// The response pane's Tests tab title: the assertions' count, or the captures' for a request
// that only captures (it has no tests to count).
import { describe, expect, it } from 'vitest';
import { checksTitle } from './CheckResults.js';

describe('checksTitle', () => {
  it('counts the passed assertions', () => {
    const passed = { index: 0, expr: 'true', passed: true };
    const failed = { index: 1, expr: 'false', passed: false };
    expect(
      checksTitle({ callId: 'c', passed: false, assertions: [passed, failed], captures: [] }),
    ).toBe('Tests 1/2');
  });

  it('says "Captured n" for a request that only captures', () => {
    const capture = { index: 0, name: 'token', secret: false, value: 'x' };
    expect(
      checksTitle({ callId: 'c', passed: true, assertions: [], captures: [capture, capture] }),
    ).toBe('Captured 2');
  });
});
