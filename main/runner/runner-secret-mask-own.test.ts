// A request's result is masked with the secrets known when its call ended, not with those the
// next request captures. The run begins the next call as soon as the current one ends, before
// the current one is compared with its snapshot and reported; here the snapshot compare is held
// (its file reads wait for the libuv thread pool, kept busy by reads of named pipes) until the
// next call has ended and captured a secret whose value also appears in the first answer.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { execFileSync } from 'node:child_process';
import { closeSync, open, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerProgress } from '../../shared/contract/runner-commands.js';
import type { CallObserverFactory } from '../engine/call-observer.js';
import { fileProbe } from '../workspace/store/json-file.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package mask;
message Msg { string text = 1; }
service Mask { rpc Echo(Msg) returns (Msg); }
`;
/** The libuv thread pool's size: that many pipe reads keep every thread busy. */
const POOL = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
/** A fallback: the pool is freed after this even if b never ends (the test then fails). */
const HOLD_BOUND_MS = 10_000;

let r: RunnerKit;
let server: grpc.Server;
let port = 0;
/** Armed for the run under test: b's begin fills the pool, b's end frees it. */
let armed = false;
let pipes: string[] = [];
/** Frees the pool (the pipes' reads return); undefined when it is not held. */
let free: (() => void) | undefined;
/** What had been reported when b ended (a not yet: its compare was still waiting). */
let reportedAtBEnd: string[] | undefined;
let firstEvent = 0;
/** The request after "a" has been made ready (its environment read while a is in flight). */
let nextReady = false;
let answerA: (() => void) | undefined;
let aInFlight = false;

function reported(): string[] {
  return r.kit.events
    .slice(firstEvent)
    .filter((e) => e.topic === 'runner.progress')
    .map((e) => e.payload as RunnerProgress)
    .flatMap((p) => (p.type === 'request-finished' ? [`finished ${p.result.path}`] : []));
}

/** Every pool thread blocked opening a pipe no one writes to, until free(). */
function holdPool(): void {
  const fds: number[] = [];
  for (const pipe of pipes) open(pipe, 'r', (error, fd) => (error ? undefined : fds.push(fd)));
  const bound = setTimeout(() => free?.(), HOLD_BOUND_MS);
  free = () => {
    clearTimeout(bound);
    free = undefined;
    // Opened for reading and writing, a pipe never blocks (Linux), and its blocked readers go on.
    for (const pipe of pipes) closeSync(openSync(pipe, 'r+'));
    setImmediate(() => fds.splice(0).forEach((fd) => closeSync(fd)));
  };
}

const watch: CallObserverFactory = (start) => {
  if (start.requestPath === 'mask/a') {
    aInFlight = true;
    return {
      onEvent(e) {
        if (e.type === 'ended') aInFlight = false;
      },
    };
  }
  if (start.requestPath !== 'mask/b' || !armed) return undefined;
  // b begins inside a's end, before a is compared with its snapshot: the compare's reads wait.
  holdPool();
  return {
    onEvent(e) {
      if (e.type !== 'ended') return;
      reportedAtBEnd = reported();
      // Its capture is in the scope by now (the checks observer runs first); a's compare goes on
      // on a later turn.
      setImmediate(() => free?.());
    },
  };
};

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`, { observers: [watch] });
  writeFileSync(path.join(r.ws.dir, 'mask.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'mask.proto'));
  server = new grpc.Server();
  server.addService(pkg['mask.Mask'] as unknown as grpc.ServiceDefinition, {
    Echo: (
      call: grpc.ServerUnaryCall<{ text: string }, { text: string }>,
      done: grpc.sendUnaryData<{ text: string }>,
    ) => {
      const answer = (): void => done(null, { text: call.request.text });
      // "a" (the first "sesame") is answered once b is made ready: b then begins as a ends.
      if (call.request.text === 'sesame' && aInFlight && !nextReady) answerA = answer;
      else setImmediate(answer);
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  await r.kit.call('environment.save', { name: 'dev', variables: [{ name: 'who', value: 'd' }] });
  const env = path.join(r.ws.dir, 'environments', 'dev.json');
  fileProbe.onRead = (file) => {
    if (file !== env || !aInFlight) return;
    nextReady = true;
    answerA?.();
    answerA = undefined;
  };
  pipes = Array.from({ length: POOL }, (_, i) => path.join(r.ws.dir, `pool-${i}.fifo`));
  for (const pipe of pipes) execFileSync('mkfifo', [pipe]);
  const schema = { kind: 'protoFiles' as const, files: ['mask.proto'], importPaths: [] };
  const method = '/mask.Mask/Echo';
  // a captures nothing (so b is made ready while a is in flight) and keeps a snapshot.
  r.save('mask/a', {
    schema,
    method,
    deadlineMs: 30_000,
    messages: [{ text: 'sesame' }],
    assertions: [{ expr: 'response.text == "sesame"' }],
    snapshot: {},
  });
  // b answers the same text and captures it as a secret.
  r.save('mask/b', {
    schema,
    method,
    deadlineMs: 30_000,
    messages: [{ text: 'sesame' }],
    captures: [{ name: 'token', expr: 'response.text', secret: true }],
  });
});

afterAll(async () => {
  delete fileProbe.onRead;
  free?.();
  await r.close();
  server.forceShutdown();
});

describe.runIf(process.platform === 'linux')('runner secret masking', () => {
  it("masks a request's result with the secrets known when it ended, not the next one's", async () => {
    // The first run writes a's snapshot; the second compares with it (file reads, awaited).
    const first = await r.run({ target: 'mask', environment: 'dev' });
    expect(first.results[0]?.snapshot?.state).toBe('new');
    armed = true;
    nextReady = false;
    firstEvent = r.kit.events.length;
    const result = await r.run({ target: 'mask', environment: 'dev' });
    // b ended (and captured) while a was still being compared, not yet reported.
    expect(reportedAtBEnd).toEqual([]);
    expect(result.results.map((x) => [x.path, x.passed, x.snapshot?.state])).toEqual([
      ['mask/a', true, 'passed'],
      ['mask/b', true, undefined],
    ]);
    expect(result.results[0]?.responses).toEqual([{ text: 'sesame' }]);
    // b's own answer holds its secret: masked.
    expect(JSON.stringify(result.results[1]?.responses)).not.toContain('sesame');
  }, 60_000);
});
