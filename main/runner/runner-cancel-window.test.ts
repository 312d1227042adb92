// Nothing is sent after Cancel. The runner makes the next request ready while the current call is
// in flight and begins it as soon as that call ends; a cancel that comes in between (here: while
// the next request reads its environment, after the first call ended and before it is reported)
// must stop the next call from being sent, not send it and cancel it.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallObserverFactory } from '../engine/call-observer.js';
import { fileProbe } from '../workspace/store/json-file.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package order;
message Msg { string text = 1; }
service Order { rpc Echo(Msg) returns (Msg); }
`;
let r: RunnerKit;
let server: grpc.Server;
let port = 0;
/** What the server was sent, in order. */
const received: string[] = [];
let firstEnded = false;
const watchFirst: CallObserverFactory = (start) =>
  start.requestPath === 'w/a'
    ? {
        onEvent(e) {
          if (e.type === 'ended') firstEnded = true;
        },
      }
    : undefined;

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`, { observers: [watchFirst] });
  writeFileSync(path.join(r.ws.dir, 'order.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'order.proto'));
  server = new grpc.Server();
  server.addService(pkg['order.Order'] as unknown as grpc.ServiceDefinition, {
    Echo: (
      call: grpc.ServerUnaryCall<{ text: string }, { text: string }>,
      done: grpc.sendUnaryData<{ text: string }>,
    ) => {
      received.push(call.request.text);
      done(null, { text: call.request.text });
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  await r.kit.call('environment.save', { name: 'dev', variables: [{ name: 'who', value: 'd' }] });
  const schema = { kind: 'protoFiles' as const, files: ['order.proto'], importPaths: [] };
  // a captures a value, so b is made ready (its environment read) only once a has ended.
  r.save('w/a', {
    schema,
    method: '/order.Order/Echo',
    messages: [{ text: 'a' }],
    captures: [{ name: 'x', expr: 'response.text' }],
  });
  r.save('w/b', { schema, method: '/order.Order/Echo', messages: [{ text: 'b' }] });
});

afterAll(async () => {
  delete fileProbe.onRead;
  await r.close();
  server.forceShutdown();
});

it('a cancel after a call ended, before the next began, sends nothing more', async () => {
  const env = path.join(r.ws.dir, 'environments', 'dev.json');
  let cancel: (() => void) | undefined;
  let cancelled = false;
  fileProbe.onRead = (file) => {
    if (file !== env || !firstEnded || !cancel) return;
    cancelled = true;
    cancel();
    cancel = undefined;
  };
  const { runId } = await r.kit.call('runner.start', { target: 'w', environment: 'dev' });
  cancel = () => void r.kit.call('runner.cancel', { runId });
  const result = await r.kit.call('runner.wait', { runId });
  expect(cancelled).toBe(true);
  expect(result.cancelled).toBe(true);
  expect(received).toEqual(['a']);
  expect(result.results.map((x) => [x.path, x.status?.codeName])).toEqual([['w/a', 'OK']]);
  expect(result.planned).toBe(2);
});
