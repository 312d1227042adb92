// A run checks the expressions of each saved request on every read; a deeply frozen one (a kept
// saved request: frozen-json.ts) cannot change, so once found valid it is not compiled again.
// Anything else is checked every time: a document that can change may have become invalid.
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../codec/frozen-json.js';
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
