// A call of a function the checks environment does not have (or with a number of arguments no
// overload takes) is an invalid expression at save, with the call's position, not a failure that
// shows only when the request runs ("unbound function: split").
import { describe, expect, it } from 'vitest';
import { compileChecks } from './problems.js';

const problemsOf = (expr: string) => compileChecks({ assertions: [{ expr }] });

describe('compileChecks: calls', () => {
  it.each([
    ['foo(1)', 1, 'unknown function foo()'],
    ['response.name.split("")', 14, 'unknown function .split()'],
    ['status.code == 0 && response.x.bogus()', 31, 'unknown function .bogus()'],
    ['size(messages, 2) == 1', 1, 'size() takes 1 argument, not 2'],
    ['response.a.startsWith()', 11, '.startsWith() takes 1 argument, not 0'],
  ])('reports %s at its call', (expr, column, message) => {
    expect(problemsOf(expr)).toEqual([{ path: 'assertions[0].expr', line: 1, column, message }]);
  });

  it('takes every function and method the environment has, operators and macros too', () => {
    const fine = [
      'int(response.a) > 1 && string(1) == "1" && double(1) > 0.5 && uint(1) > 0u',
      'response.a.matches("x") && response.a.endsWith("x") && response.a.contains("x")',
      'messages.all(m, m.x != 1) && messages.exists_one(m, true) && has(response.x)',
      'messages.map(m, m.x).size() > 0 && size(messages) == 1 && num(response.a) > 1',
      'type(1) == int && "a" in ["a"] && duration("1s") > duration("0s") && dyn(1) == 1',
      '-1 < 0 && !false && 1 % 2 == 1 && [1][0] == 1 && {"a": 1}["a"] == 1 && (true ? 1 : 2) == 1',
    ];
    for (const expr of fine) expect(problemsOf(expr), expr).toEqual([]);
  });
});
