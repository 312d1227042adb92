// A secret captured from an answer is masked in the request's result, but only in what the call
// and its checks produced (responses, status and error texts, assertions' expressions and what
// they saw): never in the result's own field names, the iteration number or the error code. A
// one-letter secret ("x", "1") used to be replaced inside them, and the result then failed the
// contract's own check on its way out (runner.wait).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package short;
message Msg { string text = 1; }
service Short { rpc Echo(Msg) returns (Msg); }
`;

let r: RunnerKit;
let server: grpc.Server;
let port = 0;

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`);
  writeFileSync(path.join(r.ws.dir, 'short.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'short.proto'));
  server = new grpc.Server();
  server.addService(pkg['short.Short'] as unknown as grpc.ServiceDefinition, {
    Echo: (
      call: grpc.ServerUnaryCall<{ text: string }, { text: string }>,
      done: grpc.sendUnaryData<{ text: string }>,
    ) => done(null, { text: call.request.text }),
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  const schema = { kind: 'protoFiles' as const, files: ['short.proto'], importPaths: [] };
  const method = '/short.Short/Echo';
  for (const secret of ['x', '1']) {
    r.save(`short-${secret}/echo`, {
      schema,
      method,
      messages: [{ text: secret }],
      captures: [{ name: 'token', expr: 'response.text', secret: true }],
      assertions: [{ expr: 'response.text == "y"' }],
    });
  }
});

afterAll(async () => {
  await r.close();
  server.forceShutdown();
});

describe('a one-letter secret captured from the answer', () => {
  it.each(['x', '1'])(
    'is masked in what the call produced, not in the result (%s)',
    async (s) => {
      const result = await r.run({ target: `short-${s}` });
      const [echo] = result.results;
      expect(echo).toMatchObject({
        path: `short-${s}/echo`,
        iteration: 1,
        passed: false,
        status: { code: 0, codeName: 'OK' },
        received: 1,
        captured: ['token'],
      });
      // In the answer itself a key is masked too (a map's keys may hold a secret): "te[secret:token]t".
      expect(echo?.responses).toHaveLength(1);
      expect(Object.values(echo?.responses[0] as object)).toEqual(['[secret:token]']);
      expect(echo?.assertions).toHaveLength(1);
      // An expression is masked as text (a secret may be typed into it), still a string.
      expect(echo?.assertions[0]?.expression).toBe(
        s === 'x' ? 'response.te[secret:token]t == "y"' : 'response.text == "y"',
      );
      expect(echo?.assertions[0]?.passed).toBe(false);
      expect(echo?.assertions[0]?.message).not.toContain(`"${s}"`);
    },
    30_000,
  );
});
