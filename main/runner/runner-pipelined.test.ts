// The next request gets ready (its saved file read, its schema loaded, and its call made ready
// when the current one captures nothing) while the current call is in flight, not after it
// ended: a run's calls follow each other without that wait. The calls still run in order, one at
// a time, and captured values still reach the requests after them.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract/index.js';
import type { RunResult } from '../../shared/contract/runner-commands.js';
import { startHeldAnswers, type HeldAnswers } from './held-answer.testkit.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package pipe;
message Msg { string text = 1; }
service Pipe { rpc Unary(Msg) returns (Msg); }
`;

/** How long a call is held for the next request made ready meanwhile: a fallback, not a target. */
const WAIT_BOUND_MS = 10_000;
/** The calls' deadline: past the bound, so the bound is what ends a call held too long. */
const DEADLINE_MS = 20_000;

let r: RunnerKit;
let held: HeldAnswers;
let server: grpc.Server;
let port = 0;
/** What happened, in order: calls arriving and answered, the next request made ready. */
const seen: string[] = [];
let inFlight = 0;
let mostInFlight = 0;

const fileOf = (requestPath: string): string =>
  path.join(r.ws.dir, 'collections', `${requestPath}.grpc.json`);

type UnaryCall = grpc.ServerUnaryCall<{ text: string }, { text: string }>;

const schema = { kind: 'protoFiles' as const, files: ['pipe.proto'], importPaths: [] };
const method = '/pipe.Pipe/Unary';

beforeAll(async () => {
  held = startHeldAnswers(WAIT_BOUND_MS, (what) => seen.push(what));
  r = await startRunnerKit(() => `127.0.0.1:${port}`, { observers: [held.observer] });
  writeFileSync(path.join(r.ws.dir, 'pipe.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'pipe.proto'));
  server = new grpc.Server();
  server.addService(pkg['pipe.Pipe'] as unknown as grpc.ServiceDefinition, {
    Unary: (call: UnaryCall, done: grpc.sendUnaryData<{ text: string }>) => {
      const { text } = call.request;
      seen.push(`call ${text}`);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      held.answer(text, () => {
        inFlight--;
        seen.push(`answered ${text}`);
        done(null, { text });
      });
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  r.save('pipe/a', {
    schema,
    method,
    deadlineMs: DEADLINE_MS,
    messages: [{ text: 'a' }],
    captures: [{ name: 'got', expr: 'response.text + "!"' }],
  });
  r.save('pipe/b', {
    schema,
    method,
    messages: [{ text: '{{got}}' }],
    assertions: [{ expr: 'response.text == "a!"' }],
  });
  // Dated ahead: a file that may still change is read afresh every time (read-cache.ts), so the
  // run's read of it is seen however long the run takes to reach it. That is an outside change:
  // the workspace's watcher reads it once for its tree node, before the run (not during it).
  const ahead = new Date(Date.now() + 60_000);
  utimesSync(fileOf('pipe/b'), ahead, ahead);
  await r.kit.waitForEvent(
    'workspace.changed',
    (e) => e.origin === 'outside' && e.changes.some((c) => 'path' in c && c.path === 'pipe/b'),
  );
});

beforeEach(() => {
  held.reset();
  seen.length = 0;
  mostInFlight = 0;
});

afterAll(async () => {
  held.close();
  await r.close();
  server.forceShutdown();
});

/** A run whose held call was released by what should release it, not by the fallback bound. */
async function run(input: Input<'runner.start'>): Promise<RunResult> {
  const result = await r.run(input);
  expect(held.heldTooLong()).toBeUndefined();
  return result;
}

describe('runner pipelining', () => {
  it('reads the next request while the call before it is in flight; calls stay in order', async () => {
    // a captures: b's call is made after a's end, but b's document is read while a is in flight
    // (after the run's plan, before a ends).
    held.holdUntil('a', { file: fileOf('pipe/b'), during: 'pipe/a', what: 'read b' });
    const result = await run({ target: 'pipe' });
    expect(result.results.map((x) => [x.path, x.passed, x.responses])).toEqual([
      ['pipe/a', true, [{ text: 'a' }]],
      ['pipe/b', true, [{ text: 'a!' }]],
    ]);
    // Read before a was answered (the server may see a's call after the client began it).
    expect(seen.indexOf('read b')).toBeLessThan(seen.indexOf('answered a'));
    expect(seen.filter((s) => s !== 'read b')).toEqual([
      'call a',
      'answered a',
      'call a!',
      'answered a!',
    ]);
    expect(mostInFlight).toBe(1);
  }, 30_000);

  it('makes the next call ready too (variables substituted) when the current captures nothing', async () => {
    await r.kit.call('environment.save', {
      name: 'dev',
      variables: [{ name: 'who', value: 'd' }],
    });
    r.save('ahead/c', { schema, method, deadlineMs: DEADLINE_MS, messages: [{ text: 'c' }] });
    r.save('ahead/d', { schema, method, messages: [{ text: '{{who}}' }] });
    // The environment's file is read for each call made ready (calls.prepare): read while c is
    // in flight, it is for d, made ready ahead.
    const env = path.join(r.ws.dir, 'environments', 'dev.json');
    held.holdUntil('c', { file: env, during: 'ahead/c', what: 'prepared d' });
    const result = await run({ target: 'ahead', environment: 'dev' });
    expect(result.results.map((x) => [x.path, x.passed, x.responses])).toEqual([
      ['ahead/c', true, [{ text: 'c' }]],
      ['ahead/d', true, [{ text: 'd' }]],
    ]);
    expect(seen.indexOf('prepared d')).toBeLessThan(seen.indexOf('answered c'));
    expect(seen.filter((s) => s !== 'prepared d')).toEqual([
      'call c',
      'answered c',
      'call d',
      'answered d',
    ]);
    expect(mostInFlight).toBe(1);
  }, 30_000);
});
