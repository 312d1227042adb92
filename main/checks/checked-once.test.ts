// A run checks the expressions of each saved request on every read; a deeply frozen one (a kept
// saved request: frozen-json.ts) cannot change, so once found valid it is not compiled again.
// Anything else is checked every time: a document that can change may have become invalid.
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../shared/json/frozen-json.js';
import type { CallResult } from './call-result.js';
import { evaluateChecks } from './evaluate.js';
import { refuseInvalidChecks } from './problems.js';

describe('checking the expressions of a document read again', () => {
  it('refuses a changeable document once an expression of it became invalid', () => {
    const doc = { assertions: [{ expr: 'status.code == 0' }] };
    expect(() => refuseInvalidChecks(doc, 'r.grpc.json')).not.toThrow();
    doc.assertions[0] = { expr: 'status.code ==' };
    expect(() => refuseInvalidChecks(doc, 'r.grpc.json')).toThrow(
      /r\.grpc\.json: invalid expression: assertions\[0\]\.expr at 1:/,
    );
  });

  it('keeps refusing a frozen document with an invalid expression, naming it', () => {
    const doc = deepFreeze({ captures: [{ name: 'x', expr: 'response.' }] });
    for (let i = 0; i < 2; i++)
      expect(() => refuseInvalidChecks(doc, 'c.grpc.json')).toThrow(/captures\[0\]\.expr/);
  });

  it('lets a valid frozen document through, read after read', () => {
    const doc = deepFreeze({ assertions: [{ expr: 'response.text == "hello"' }] });
    for (let i = 0; i < 3; i++) expect(() => refuseInvalidChecks(doc, 'r.grpc.json')).not.toThrow();
  });
});

describe('judging the checks of a document again', () => {
  const result: CallResult = {
    kind: 'unary',
    status: { code: 0, codeName: 'OK', message: '', details: [] },
    headers: [],
    trailers: [],
    messages: [{ text: 'hello' }],
    durationMs: 1,
  };
  const passed = (doc: Parameters<typeof evaluateChecks>[0]) =>
    evaluateChecks(doc, result).assertions.map((a) => a.passed);

  it('judges a changeable assertion by its expression as it is now', () => {
    const assertion = { expr: 'response.text == "hello"' };
    const doc = { messages: [{}], assertions: [assertion] };
    expect(passed(doc)).toEqual([true]);
    assertion.expr = 'response.text == "bye"';
    expect(passed(doc)).toEqual([false]);
  });

  it('judges a frozen one the same, read after read', () => {
    const doc = deepFreeze({ messages: [{}], assertions: [{ expr: 'response.text.size() == 5' }] });
    for (let i = 0; i < 3; i++) expect(passed(doc)).toEqual([true]);
  });
});
