// Hostile expressions: each is stopped with a clear error, never a hang or a stack overflow.
// The time bounds are generous guards against an unbounded run, not performance targets.
import { describe, expect, it } from 'vitest';
import { compileChecks, evaluateChecks, type CallResult } from './index.js';

const list = (n: number): string => `[${Array.from({ length: n }, (_, i) => i).join(',')}]`;

function stream(messages: CallResult['messages']): CallResult {
  return {
    kind: 'server_stream',
    status: { code: 0, codeName: 'OK', message: '', details: [] },
    headers: [],
    trailers: [],
    messages,
    durationMs: 1,
  };
}

function errorOf(expr: string, result: CallResult = stream([])): string | undefined {
  return evaluateChecks({ messages: [], assertions: [{ expr }] }, result).assertions[0]?.error;
}

describe('compile-time bounds', () => {
  it('refuses an expression longer than 4 KiB (10,000 nested brackets)', () => {
    const deep = `${'('.repeat(10_000)}1${')'.repeat(10_000)}`;
    expect(compileChecks({ assertions: [{ expr: deep }] })).toEqual([
      {
        path: 'assertions[0].expr',
        line: 1,
        column: 1,
        message: 'the expression is longer than 4096 characters',
      },
    ]);
  });

  it('refuses brackets nested deeper than the parser can take, at the first too deep', () => {
    const deep = `${'('.repeat(600)}1${')'.repeat(600)}`;
    expect(compileChecks({ captures: [{ name: 'x', expr: deep }] })).toEqual([
      {
        path: 'captures[0].expr',
        line: 1,
        column: 33,
        message: 'brackets nested more than 32 deep',
      },
    ]);
    expect(errorOf(`${'['.repeat(600)}1${']'.repeat(600)} == []`)).toMatch(
      /brackets nested more than 32 deep/,
    );
  });

  it('refuses a tree deeper than 128 levels (a long chain of operators)', () => {
    const chain = Array.from({ length: 1500 }, () => '1').join('+');
    const [problem] = compileChecks({ assertions: [{ expr: `${chain} > 0` }] });
    expect(problem?.message).toBe('the expression is nested more than 128 levels deep');
  });
});

describe('the evaluation budget', () => {
  it('stops nested comprehensions that call nothing (100^4 steps)', () => {
    const l = list(100);
    const expr = `${l}.all(a, ${l}.all(b, ${l}.all(c, ${l}.all(d, true))))`;
    const started = Date.now();
    expect(errorOf(expr)).toMatch(
      /^the expression did too much work \(more than 5,000,000 steps\)/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops nested maps over a 1,000-message stream, even inside `false && …`', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const bomb = 'messages.map(a, messages.map(b, messages.map(c, [a, b, c])))';
    const started = Date.now();
    expect(errorOf(`${bomb}.size() > 0`, stream(messages))).toMatch(/did too much work/);
    // CEL's logic absorbs errors (`false && error` is false): the budget still wins.
    expect(errorOf(`${bomb}.size() > 0 && false || true`, stream(messages))).toMatch(
      /did too much work/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops nested loops whose body reads big values (deep equality of large messages)', () => {
    const fields = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`f${i}`, 'x']));
    const messages = Array.from({ length: 300 }, () => ({ ...fields }));
    const started = Date.now();
    expect(errorOf('messages.all(a, messages.all(b, a == b))', stream(messages))).toMatch(
      /did too much work/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops a big list literal made again at every step of nested loops', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const started = Date.now();
    expect(
      errorOf(
        `messages.all(a, messages.all(b, [${'0,'.repeat(1400)}0].size() > 0))`,
        stream(messages),
      ),
    ).toMatch(/did too much work/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops loops that stop at once but copy their list first, nested in loops', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const started = Date.now();
    const expr = 'messages.all(a, messages.all(b, messages.exists(c, true)))';
    expect(errorOf(expr, stream(messages))).toMatch(/did too much work/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('charges each loop step for its body: a long body that calls nothing adds up', () => {
    // 490,000 steps: within the budget at one unit a step, far past it at the body's length.
    const messages = Array.from({ length: 700 }, (_, i) => ({ i }));
    const body = Array.from({ length: 100 }, () => '(true || false)').join(' && ');
    const started = Date.now();
    expect(errorOf(`messages.all(a, messages.all(b, ${body}))`, stream(messages))).toMatch(
      /did too much work/,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('charges each run of an every-message assertion for the whole expression', () => {
    const messages = Array.from({ length: 20_000 }, (_, i) => ({ i }));
    const body = Array.from({ length: 100 }, () => '(true || false)').join(' && ');
    expect(errorOf(`message.i >= 0 && ${body}`, stream(messages))).toMatch(/did too much work/);
  });

  it('stops strings that keep growing by concatenation', () => {
    const big = 'x'.repeat(100_000);
    const doubled = Array.from({ length: 100 }, () => 'message.s').join(' + ');
    const started = Date.now();
    expect(errorOf(`(${doubled}).size() > 0`, stream([{ s: big }]))).toMatch(/did too much work/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('lets ordinary assertions over 50,000 messages through, map and filter included', () => {
    const messages = Array.from({ length: 50_000 }, (_, i) => ({ i, level: 'INFO' }));
    const started = Date.now();
    const r = evaluateChecks(
      {
        messages: [],
        assertions: [
          { expr: 'messages.all(m, m.level != "ERROR")' },
          { expr: 'message.i >= 0' },
          // Linear, not quadratic: a list made by `+` grows in place (list-append.ts).
          { expr: 'messages.map(m, m.i).all(x, x >= 0)' },
          { expr: 'messages.filter(m, m.i < 25000).size() == 25000' },
        ],
      },
      stream(messages),
    );
    expect(r.assertions.map((a) => a.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('keeps lists made by `+` apart when both grow from one list', () => {
    const r = evaluateChecks(
      {
        messages: [],
        assertions: [
          {
            expr: '[[1] + [2]].all(l, l + [3] == [1, 2, 3] && l + [4] == [1, 2, 4] && l == [1, 2])',
          },
        ],
      },
      stream([]),
    );
    expect(r.assertions[0]?.error).toBeUndefined();
  });
});
