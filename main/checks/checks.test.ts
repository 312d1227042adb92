// Assertions and captures over call results given as data (the event-log builder included).
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import {
  applyCaptures,
  callResultFromLog,
  CaptureScope,
  compileChecks,
  evaluateChecks,
  type CallResult,
} from './index.js';

function okStatus(): CallResult['status'] {
  return { code: 0, codeName: 'OK', message: '', details: [] };
}

const unary: CallResult = {
  kind: 'unary',
  status: okStatus(),
  headers: [
    { key: 'X-Request-Id', value: 'first' },
    { key: 'x-request-id', value: 'abc' },
  ],
  trailers: [{ key: 'x-trailer', value: 't' }],
  messages: [{ user: { age: 17, name: 'Ann' }, id: '12', token: 'tok-1', level: 'LEVEL_INFO' }],
  durationMs: 42.5,
};

const assert = (...exprs: string[]) => ({
  messages: [{ q: 'x' }],
  assertions: exprs.map((expr) => ({ expr })),
});

describe('evaluateChecks', () => {
  it('passes the examples of the issue', () => {
    const stream: CallResult = {
      ...unary,
      kind: 'server_stream',
      messages: Array.from({ length: 5 }, (_, i) => ({ n: i, level: 'INFO' })),
    };
    const s = evaluateChecks(
      assert(
        'status.code == 0',
        'messages.size() == 5',
        'messages.all(m, m.level != "ERROR")',
        'durationMs < 200',
      ),
      stream,
    );
    expect(s.assertions.map((a) => a.error)).toEqual([undefined, undefined, undefined, undefined]);
    const u = evaluateChecks(
      assert(
        'response.user.age > 16',
        'headers["x-request-id"] != ""',
        'int(response.id) > 5',
        'status.name == "OK"',
        'request.message.q == "x"',
      ),
      unary,
    );
    expect(u.passed).toBe(true);
  });

  it('reports the values a failing assertion saw', () => {
    const r = evaluateChecks(
      assert('response.user.age > 18 && headers["x-request-id"] == "abc"'),
      unary,
    );
    expect(r.passed).toBe(false);
    expect(r.assertions[0]).toMatchObject({ passed: false, error: 'evaluated to false' });
    expect(r.assertions[0]?.seen).toEqual([
      { path: 'response.user.age', value: '17' },
      { path: 'headers["x-request-id"]', value: '"abc"' },
    ]);
  });

  it('takes the last value of a repeated header, keys in lowercase', () => {
    expect(evaluateChecks(assert('headers["x-request-id"] == "abc"'), unary).passed).toBe(true);
  });

  it('compares JSON numbers with ints and doubles, and int64 strings through int() and num()', () => {
    const r = evaluateChecks(
      assert(
        'response.user.age == 17',
        'response.user.age >= 17.0',
        'num(response.id) > 5.5',
        'response.user.age + 1 == 18.0',
        '2 * response.user.age == 34',
      ),
      unary,
    );
    expect(r.assertions.map((a) => a.error)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const bad = evaluateChecks(assert('response.id > 5'), unary);
    expect(bad.assertions[0]?.error).toMatch(
      /type mismatch: ">" does not apply to string, int.*int\(x\) or num\(x\)/,
    );
  });

  it('says what went wrong in words for a missing key, and where', () => {
    const r = evaluateChecks(assert('response.user.agee > 1'), unary);
    expect(r.assertions[0]?.error).toBe('no such key "agee" (in response.user.agee)');
    expect(r.assertions[0]?.seen).toEqual([
      { path: 'response.user.agee', value: '(no such key "agee")' },
    ]);
  });

  it('runs an assertion over `message` once per message and stops at the first failure', () => {
    const messages = Array.from({ length: 1000 }, (_, i) => ({
      n: String(i + 1),
      level: i === 436 ? 'ERROR' : 'INFO',
    }));
    const r = evaluateChecks(assert('message.level != "ERROR"'), {
      ...unary,
      kind: 'server_stream',
      messages,
    });
    expect(r.assertions[0]).toMatchObject({
      passed: false,
      messageNumber: 437,
      seen: [{ path: 'message.level', value: '"ERROR"' }],
    });
  });

  it('refuses `response` on a stream, saying to use messages', () => {
    const r = evaluateChecks(assert('response.n == 1'), { ...unary, kind: 'bidi_stream' });
    expect(r.assertions[0]?.error).toMatch(/unary and client-stream calls only.*"messages"/);
  });

  it('captures strings as they are and other values as JSON text', () => {
    const r = evaluateChecks(
      {
        messages: [],
        captures: [
          { name: 'token', expr: 'response.token' },
          { name: 'user', expr: 'response.user', secret: true },
          { name: 'gone', expr: 'response.nothing' },
        ],
      },
      unary,
    );
    expect(r.captures).toEqual([
      { index: 0, name: 'token', secret: false, value: 'tok-1' },
      { index: 1, name: 'user', secret: true, value: '{"age":17,"name":"Ann"}' },
      {
        index: 2,
        name: 'gone',
        secret: false,
        error: 'no such key "nothing"',
      },
    ]);
    const scope = new CaptureScope();
    scope.set('gone', 'stale');
    applyCaptures(scope, r.captures);
    expect(scope.view()).toEqual([
      { name: 'token', secret: false, value: 'tok-1' },
      { name: 'user', secret: true },
    ]);
    expect(scope.secrets()).toEqual(new Map([['user', '{"age":17,"name":"Ann"}']]));
  });
});

describe('compileChecks', () => {
  it('reports each invalid expression with its field path and line:column', () => {
    expect(
      compileChecks({
        assertions: [
          { expr: 'status.code == 0' },
          { expr: 'true' },
          { expr: 'status.code == 0 &&\n  response.x ==' },
        ],
        captures: [{ name: 't', expr: 'respons.token' }],
      }),
    ).toEqual([
      {
        path: 'assertions[2].expr',
        line: 2,
        column: 14,
        message: expect.stringMatching(/^syntax error near "=="/) as unknown,
      },
      {
        path: 'captures[0].expr',
        line: 1,
        column: 1,
        message: expect.stringMatching(/unknown name "respons"/) as unknown,
      },
    ]);
  });
});

describe('callResultFromLog', () => {
  it('builds what checks see from a call event log', () => {
    const events: CallEvent[] = [
      {
        seq: 0,
        t: 0,
        type: 'started',
        at: 1,
        method: '/a.B/C',
        kind: 'server_stream',
        target: 'x',
        metadata: [],
      },
      { seq: 1, t: 1, type: 'headers', metadata: [{ key: 'h', value: '1' }] },
      { seq: 2, t: 2, type: 'received', message: { a: 1 }, size: 2 },
      { seq: 3, t: 3, type: 'received', message: { a: 2 }, size: 2 },
      { seq: 4, t: 4, type: 'trailers', metadata: [{ key: 't', value: '2' }] },
      {
        seq: 5,
        t: 5,
        type: 'status',
        status: { code: 5, codeName: 'NOT_FOUND', message: 'no', details: [] },
      },
      { seq: 6, t: 6, type: 'ended', durationMs: 6 },
    ];
    const result = callResultFromLog(events);
    expect(result).toMatchObject({
      kind: 'server_stream',
      messages: [{ a: 1 }, { a: 2 }],
      durationMs: 6,
    });
    const r = evaluateChecks(
      assert(
        'status.code == 5',
        'status.name == "NOT_FOUND"',
        'messages[1].a == 2',
        'trailers.t == "2"',
      ),
      result,
    );
    expect(r.passed).toBe(true);
  });
});
