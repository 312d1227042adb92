// A run begins its next call as soon as the current one has ended, and judges and reports the
// current one only once that call's request has gone out (its assertions evaluated while the
// next call is in flight): what comes after a call's answer is off the path between two calls. The calls still run one at a time and in
// order, results and progress keep their order, captured values still reach the next request,
// and a run that bails never begins the call after a failure.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Input } from '../../shared/contract/index.js';
import type { RunnerProgress, RunResult } from '../../shared/contract/runner-commands.js';
import type { CallObserverFactory } from '../engine/call-observer.js';
import { startHeldAnswers, type HeldAnswers } from './held-answer.testkit.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

// Each evaluation of a call's checks, seen (the real one runs): when a's assertions are judged.
vi.mock('../checks/index.js', async (original) => {
  const checks = await original<typeof import('../checks/index.js')>();
  return {
    ...checks,
    evaluateChecks: ((doc, result) => {
      const text = (doc.messages?.[0] as { text?: string } | undefined)?.text;
      seen.push(`judged ${text ?? '?'}`);
      return checks.evaluateChecks(doc, result);
    }) satisfies typeof checks.evaluateChecks,
  };
});

const PROTO = `syntax = "proto3";
package order;
message Msg { string text = 1; }
service Order { rpc Echo(Msg) returns (Msg); }
`;

let r: RunnerKit;
let held: HeldAnswers;
let server: grpc.Server;
let port = 0;
/** What the engine saw of the run's calls, in order, and when each began what was reported. */
const seen: string[] = [];
let inFlight = 0;
let mostInFlight = 0;
/**
 * How long the server holds "a" for what should release it (the next request made ready, or the
 * run's cancel): a fallback for when that never comes, which fails the test saying so.
 */
const WAIT_BOUND_MS = 10_000;
/** The calls' deadline: past the bound, so the bound is what ends a call held too long. */
const DEADLINE_MS = 20_000;
/** Where this test's events start in the kit's list. */
let firstEvent = 0;

/** The run's progress so far, as `finished <path>` and `started <path>` marks. */
function reported(): string[] {
  return r.kit.events
    .slice(firstEvent)
    .filter((e) => e.topic === 'runner.progress')
    .map((e) => e.payload as RunnerProgress)
    .flatMap((p) =>
      p.type === 'request-finished'
        ? [`finished ${p.result.path}`]
        : p.type === 'request-started'
          ? [`started ${p.path}`]
          : [],
    );
}

/** Each call of the run as it begins (with what was reported by then) and as it ends. */
const watchCalls: CallObserverFactory = (start) => {
  const name = start.requestPath;
  if (name === undefined) return undefined;
  seen.push(`begun ${name} after [${reported().join(', ')}]`);
  // The turn b began in is over: its HTTP/2 frames were written (native immediates run before
  // the turn's immediates), so whatever comes after this mark did not hold b's request back.
  if (name === 'order/b') setImmediate(() => seen.push('order/b sent'));
  return {
    onEvent(event) {
      if (event.type !== 'ended') return;
      seen.push(`ended ${name}`);
    },
  };
};

const schema = { kind: 'protoFiles' as const, files: ['order.proto'], importPaths: [] };
const method = '/order.Order/Echo';

beforeAll(async () => {
  held = startHeldAnswers(WAIT_BOUND_MS);
  r = await startRunnerKit(() => `127.0.0.1:${port}`, {
    observers: [held.observer, watchCalls],
  });
  writeFileSync(path.join(r.ws.dir, 'order.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'order.proto'));
  server = new grpc.Server();
  server.addService(pkg['order.Order'] as unknown as grpc.ServiceDefinition, {
    Echo: (
      call: grpc.ServerUnaryCall<{ text: string }, { text: string }>,
      done: grpc.sendUnaryData<{ text: string }>,
    ) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      // "a" is held until the request after it is made ready (then it can begin the moment a
      // ends) or the run is cancelled; the rest answered on a later turn (a call still in flight
      // would be seen).
      let pending = true;
      const answer = held.answer(call.request.text, () => {
        pending = false;
        inFlight--;
        done(null, { text: call.request.text });
      });
      // A cancelled call is not answered: the client has gone.
      call.on('cancelled', () => {
        if (!pending) return;
        pending = false;
        answer.forget();
        inFlight--;
      });
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  await r.kit.call('environment.save', { name: 'dev', variables: [{ name: 'who', value: 'd' }] });
  r.save('order/a', {
    schema,
    method,
    deadlineMs: DEADLINE_MS,
    messages: [{ text: 'a' }],
    assertions: [{ expr: 'response.text == "a"' }, { expr: 'response.text == "not a"' }],
  });
  r.save('order/b', {
    schema,
    method,
    deadlineMs: DEADLINE_MS,
    messages: [{ text: 'b' }],
    assertions: [{ expr: 'response.text == "b"' }],
  });
  r.save('chain/a', {
    schema,
    method,
    messages: [{ text: 'first' }],
    captures: [{ name: 'got', expr: 'response.text + "!"' }],
  });
  r.save('chain/b', {
    schema,
    method,
    messages: [{ text: '{{got}}' }],
    assertions: [{ expr: 'response.text == "first!"' }],
  });
});

beforeEach(() => {
  held.reset();
  // The environment's file is read for each call made ready (calls.prepare): read while order/a
  // is in flight, it is for the request after it, made ready ahead. That releases "a".
  held.holdUntil('a', {
    file: path.join(r.ws.dir, 'environments', 'dev.json'),
    during: 'order/a',
    what: 'the request after order/a made ready',
  });
  seen.length = 0;
  mostInFlight = 0;
  firstEvent = r.kit.events.length;
});

afterAll(async () => {
  held.close();
  await r.close();
  server.forceShutdown();
});

/** A run whose "a" was released by what should release it, not by the fallback bound. */
async function run(input: Input<'runner.start'>): Promise<RunResult> {
  const result = await r.run(input);
  expect(held.heldTooLong()).toBeUndefined();
  return result;
}

describe('runner begins the next call before it reports the current one', () => {
  it('begins b once a has ended, before a is reported; each judged on its own answer', async () => {
    const result = await run({ target: 'order', environment: 'dev' });
    // a's assertions are evaluated after b was sent (a captures nothing: its results wait for
    // the run to take them), b's when the run takes them after its end.
    expect(seen).toEqual([
      'begun order/a after [started order/a]',
      'ended order/a',
      'begun order/b after [started order/a]',
      'order/b sent',
      'judged a',
      'ended order/b',
      'judged b',
    ]);
    expect(mostInFlight).toBe(1);
    // Judged on a's answer, not b's.
    expect(result.results.map((x) => [x.path, x.assertions.map((a) => a.passed)])).toEqual([
      ['order/a', [true, false]],
      ['order/b', [true]],
    ]);
    expect(result.results[0]?.assertions[1]?.message).toContain('response.text = "a"');
    // Progress in order all the same: b is told after a's result, its call after its start.
    const progress = r.progress(result.runId).map((p) => `${p.type} ${'path' in p ? p.path : ''}`);
    expect(progress.filter((p) => /order\//.test(p) || p.startsWith('request-finished'))).toEqual([
      'request-started order/a',
      'call-started order/a',
      'request-finished ',
      'request-started order/b',
      'call-started order/b',
      'request-finished ',
    ]);
  }, 30_000);

  it('sends what a captured in b, one call at a time', async () => {
    const result = await run({ target: 'chain' });
    // a captures: judged at its end, before b is made with what it captured.
    expect(seen.map((s) => s.split(' after ')[0])).toEqual([
      'begun chain/a',
      'ended chain/a',
      'judged first',
      'begun chain/b',
      'ended chain/b',
      'judged {{got}}',
    ]);
    expect(result.results.map((x) => [x.path, x.passed, x.responses])).toEqual([
      ['chain/a', true, [{ text: 'first' }]],
      ['chain/b', true, [{ text: 'first!' }]],
    ]);
  }, 30_000);

  it('never begins the call after a failure when the run bails', async () => {
    const result = await run({ target: 'order', environment: 'dev', bail: true });
    expect(result.bailed).toBe(true);
    expect(result.results.map((x) => x.path)).toEqual(['order/a']);
    expect(seen.filter((s) => s.startsWith('begun')).map((s) => s.split(' ')[1])).toEqual([
      'order/a',
    ]);
  }, 30_000);

  it('never begins the call after one the run was cancelled in', async () => {
    // No environment: nothing is read while "a" is in flight, so it is held until the cancel.
    const { runId } = await r.kit.call('runner.start', { target: 'order' });
    await r.kit.waitForEvent(
      'runner.progress',
      (p) => p.runId === runId && p.type === 'call-started' && p.path === 'order/a',
    );
    await r.kit.call('runner.cancel', { runId });
    const result = await r.kit.call('runner.wait', { runId });
    expect(held.heldTooLong()).toBeUndefined();
    expect(result.cancelled).toBe(true);
    expect(result.results.map((x) => [x.path, x.status?.codeName])).toEqual([
      ['order/a', 'CANCELLED'],
    ]);
    expect(seen.filter((s) => s.startsWith('begun')).map((s) => s.split(' ')[1])).toEqual([
      'order/a',
    ]);
  }, 30_000);
});
