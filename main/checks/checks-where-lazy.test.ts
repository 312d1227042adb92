// refuseInvalidChecks names the file of a document with a problem; request.read checks every
// document it reads, so the file's name (a realpath) is worked out only when there is a problem.
import { describe, expect, it } from 'vitest';
import { refuseInvalidChecks } from './problems.js';

describe('refuseInvalidChecks where', () => {
  it('does not work out where for a document without problems', () => {
    let asked = 0;
    const where = (): string => {
      asked++;
      return 'collections/c/r.grpc.json';
    };
    refuseInvalidChecks({ assertions: [{ expr: 'status.code == 0' }] }, where);
    expect(asked).toBe(0);
  });

  it('names where, worked out, for a document with a problem', () => {
    expect(() =>
      refuseInvalidChecks(
        { assertions: [{ expr: 'status.code == 0' }, { expr: 'status.code ==' }] },
        () => 'collections/c/r.grpc.json',
      ),
    ).toThrow(/^collections\/c\/r\.grpc\.json: invalid expression: assertions\[1\]\.expr at 1:/);
  });
});
