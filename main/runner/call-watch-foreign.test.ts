// A call started outside a run (the UI's call.start) while the run's call is in flight is not taken
// for the run's call (call-watch.ts: the template check and the reset of `beginning`; review29
// SHOULD-6: no test failed with both removed). Real grpc-js server holding the run's call.
import * as grpc from '@grpc/grpc-js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useSettledClock } from '../platform/racy-clock.testkit.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package wf;
message Msg { string text = 1; }
service S { rpc U(Msg) returns (Msg); }
`;
const schema = { kind: 'protoFiles' as const, files: ['wf.proto'], importPaths: [] };
const method = '/wf.S/U';

let r: RunnerKit;
let server: grpc.Server;
let port = 0;
let held = 0;
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => (release = resolve));
useSettledClock();

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`);
  writeFileSync(path.join(r.ws.dir, 'wf.proto'), PROTO);
  const id = (b: Buffer): Buffer => b;
  server = new grpc.Server();
  server.addService(
    {
      U: {
        path: method,
        requestStream: false,
        responseStream: false,
        requestSerialize: id,
        requestDeserialize: id,
        responseSerialize: id,
        responseDeserialize: id,
      },
    } as unknown as grpc.ServiceDefinition,
    {
      U: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
        if (call.request.toString().includes('hold')) {
          held++;
          void released.then(() => done(null, call.request));
        } else done(null, call.request);
      },
    },
  );
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
});

afterAll(async () => {
  release();
  await r.close();
  server.forceShutdown();
});

it(
  "a UI call made while a run's call is in flight is not the run's",
  { timeout: 60_000 },
  async () => {
    r.save('wf/hold', { schema, method, messages: [{ text: 'hold' }] });
    const running = r.run({ target: 'wf/hold' });
    await expect.poll(() => held, { timeout: 20_000 }).toBe(1);
    const connection = { address: `127.0.0.1:${port}`, security: { kind: 'plaintext' as const } };
    const { schemaId } = await r.kit.call('schema.load', { source: schema, connection });
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { version, ...saved } = r.ws.readRequest('wf/hold');
    const ui = { ...saved, messages: [{ text: 'ui' }] };
    await r.kit.call('call.start', {
      schemaId,
      request: ui,
      halfClose: true,
      keepRaw: false,
      record: false,
    });
    await expect
      .poll(async () => (await r.kit.call('history.list', {})).entries.length, { timeout: 20_000 })
      .toBe(1);
    release();
    const result = await running;
    expect(result.results[0]?.responses).toEqual([{ text: 'hold' }]);
  },
);
