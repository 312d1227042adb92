// A run loads the schema of a file source once and keeps it for its requests (pipeline.ts
// schemasOfRun). When the engine lets go of that schema mid-run (schema.remove from another
// window, or released after other loads), the next request loads it again instead of failing
// with "no loaded schema". So does a request whose schema comes by reflection, loaded while the
// call before it was in flight.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ReflectionService } from '@grpc/reflection';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package kept;
message Msg { string text = 1; }
service Kept { rpc Unary(Msg) returns (Msg); }
`;

/** Each folder's requests take their schema from one source. */
const SOURCES = {
  kept: { kind: 'protoFiles' as const, files: ['kept.proto'], importPaths: [] },
  reflected: { kind: 'reflection' as const },
};
const method = '/kept.Kept/Unary';

let r: RunnerKit;
let server: grpc.Server;
let port = 0;
/** Schemas removed by the server while it answered, by the text of the call. */
const removedDuring = new Map<string, number>();

type UnaryCall = grpc.ServerUnaryCall<{ text: string }, { text: string }>;

/** Every schema the engine holds removed, as another window's schema.remove would. */
async function removeEverySchema(): Promise<number> {
  const { schemas } = await r.kit.call('schema.list', {});
  for (const s of schemas) await r.kit.call('schema.remove', { schemaId: s.schemaId });
  return schemas.length;
}

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`);
  writeFileSync(path.join(r.ws.dir, 'kept.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'kept.proto'));
  server = new grpc.Server();
  new ReflectionService(pkg).addToServer(server);
  server.addService(pkg['kept.Kept'] as unknown as grpc.ServiceDefinition, {
    Unary: (call: UnaryCall, done: grpc.sendUnaryData<{ text: string }>) => {
      const { text } = call.request;
      // Answered only once the schema the run kept is gone: the requests after this one were
      // made ready with it.
      void removeEverySchema().then((count) => {
        removedDuring.set(text, count);
        done(null, { text });
      });
    },
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  for (const [folder, schema] of Object.entries(SOURCES)) {
    // a captures a value: b's call is made ready after a's end, with the schema kept at a.
    r.save(`${folder}/a`, {
      schema,
      method,
      messages: [{ text: 'a' }],
      captures: [{ name: 'got', expr: 'response.text' }],
    });
    r.save(`${folder}/b`, {
      schema,
      method,
      messages: [{ text: 'b {{got}}' }],
      assertions: [{ expr: 'response.text == "b a"' }],
    });
    r.save(`${folder}/c`, { schema, method, messages: [{ text: 'c' }] });
  }
});

afterAll(async () => {
  await r.close();
  server.forceShutdown();
});

describe('a schema let go of mid-run', () => {
  // File sources are kept for the run; a reflection source is loaded while the call before is in
  // flight: either way the schema can be gone by the time the call is made ready.
  it.each(Object.keys(SOURCES))(
    'is loaded again for the requests after (%s)',
    async (folder) => {
      removedDuring.clear();
      const result = await r.run({ target: folder });
      expect(result.results.map((x) => [x.path, x.passed, x.error, x.responses])).toEqual([
        [`${folder}/a`, true, undefined, [{ text: 'a' }]],
        [`${folder}/b`, true, undefined, [{ text: 'b a' }]],
        [`${folder}/c`, true, undefined, [{ text: 'c' }]],
      ]);
      // A schema was there to remove during a's call and b's: b, made ready with one loaded before
      // a's call ended, found it gone (c's call may have been made ready before b's call removed it).
      expect(removedDuring.get('a')).toBeGreaterThanOrEqual(1);
      expect(removedDuring.get('b a')).toBeGreaterThanOrEqual(1);
    },
    30_000,
  );
});
