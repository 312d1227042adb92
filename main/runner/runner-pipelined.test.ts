// The next request gets ready (its saved file read, its schema loaded, and its call made ready
// when the current one captures nothing) while the current call is in flight, not after it
// ended: a run's calls follow each other without that wait. The calls still run in order, one at
// a time, and captured values still reach the requests after them.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileProbe } from '../workspace/store/json-file.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package pipe;
message Msg { string text = 1; }
service Pipe { rpc Unary(Msg) returns (Msg); }
`;

/** How long the first call waits for the next request's file to be read: a bound, not a target. */
const WAIT_BOUND_MS = 5_000;

let r: RunnerKit;
let server: grpc.Server;
let port = 0;
/** What happened, in order: calls arriving and answered, the next request's file read. */
const seen: string[] = [];
let inFlight = 0;
let mostInFlight = 0;
/** The call waiting for a mark (what happened meanwhile), and its answer. */
let waiting: { mark: string; answer: () => void } | undefined;
/** Which calls wait, boundedly, and for what: the next request made ready meanwhile. */
const waitsFor: Record<string, string> = { a: 'read b', c: 'prepared d' };

/** Something happened: seen, and the call waiting for it answered. */
function mark(what: string): void {
  seen.push(what);
  if (waiting?.mark !== what) return;
  const { answer } = waiting;
  waiting = undefined;
  answer();
}

const fileOf = (requestPath: string): string =>
  path.join(r.ws.dir, 'collections', `${requestPath}.grpc.json`);

type UnaryCall = grpc.ServerUnaryCall<{ text: string }, { text: string }>;

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`);
  writeFileSync(path.join(r.ws.dir, 'pipe.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'pipe.proto'));
  server = new grpc.Server();
  server.addService(pkg['pipe.Pipe'] as unknown as grpc.ServiceDefinition, {
    Unary: (call: UnaryCall, done: grpc.sendUnaryData<{ text: string }>) => {
      const { text } = call.request;
      seen.push(`call ${text}`);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      const answer = (): void => {
        clearTimeout(bound);
        inFlight--;
        seen.push(`answered ${text}`);
        done(null, { text });
      };
      const mark = waitsFor[text];
      const waits = mark !== undefined && !seen.includes(mark);
      const bound = setTimeout(answer, waits ? WAIT_BOUND_MS : 0);
      if (waits) waiting = { mark, answer };
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  const schema = { kind: 'protoFiles' as const, files: ['pipe.proto'], importPaths: [] };
  r.save('pipe/a', {
    schema,
    method: '/pipe.Pipe/Unary',
    messages: [{ text: 'a' }],
    captures: [{ name: 'got', expr: 'response.text + "!"' }],
  });
  r.save('pipe/b', {
    schema,
    method: '/pipe.Pipe/Unary',
    messages: [{ text: '{{got}}' }],
    assertions: [{ expr: 'response.text == "a!"' }],
  });
  // Dated ahead: a file that may still change is read afresh every time (read-cache.ts), so its
  // reads are seen.
  const ahead = new Date(Date.now() + 60_000);
  utimesSync(fileOf('pipe/b'), ahead, ahead);
});

afterAll(async () => {
  delete fileProbe.onRead;
  await r.close();
  server.forceShutdown();
});

describe('runner pipelining', () => {
  it('reads the next request while the call before it is in flight; calls stay in order', async () => {
    // Its document's read (the tree and the workspace's watcher read it too, for its node).
    fileProbe.onRead = (file) => {
      if (file === fileOf('pipe/b') && new Error().stack?.includes('readRequestFile'))
        mark('read b');
    };
    const result = await r.run({ target: 'pipe' });
    expect(result.results.map((x) => [x.path, x.passed, x.responses])).toEqual([
      ['pipe/a', true, [{ text: 'a' }]],
      ['pipe/b', true, [{ text: 'a!' }]],
    ]);
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
    seen.length = 0;
    mostInFlight = 0;
    await r.kit.call('environment.save', {
      name: 'dev',
      variables: [{ name: 'who', value: 'd' }],
    });
    const schema = { kind: 'protoFiles' as const, files: ['pipe.proto'], importPaths: [] };
    const method = '/pipe.Pipe/Unary';
    r.save('ahead/c', { schema, method, messages: [{ text: 'c' }] });
    r.save('ahead/d', { schema, method, messages: [{ text: '{{who}}' }] });
    // The environment's file is read for each call made ready: c's before it starts, d's next.
    const env = path.join(r.ws.dir, 'environments', 'dev.json');
    let prepared = 0;
    fileProbe.onRead = (file) => {
      if (file === env && new Error().stack?.includes('prepareCall') && ++prepared === 2)
        mark('prepared d');
    };
    const result = await r.run({ target: 'ahead', environment: 'dev' });
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
