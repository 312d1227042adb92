// A run takes each saved request as the workspace keeps it for its unchanged file, without a copy
// of its own (runner.ts documentReader, workspace readRequestShared): what it sends is made anew by
// the substitution of its variables. Nothing a run does may change the kept request: the next
// run, the tree and every other reader see the file's request as it is.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSettledClock } from '../platform/racy-clock.testkit.js';
import { startRunnerKit, type RunnerKit } from './runner.testkit.js';

const PROTO = `syntax = "proto3";
package shared;
message Msg { string text = 1; repeated string tags = 2; }
service Shared { rpc Unary(Msg) returns (Msg); }
`;

const schema = { kind: 'protoFiles' as const, files: ['shared.proto'], importPaths: [] };
const method = '/shared.Shared/Unary';
const paths = ['shared/a', 'shared/b'];

let r: RunnerKit;
let server: grpc.Server;
// Dated back below, their change time is still now (read-cache.ts): counted as settled.
useSettledClock();
let port = 0;

type UnaryCall = grpc.ServerUnaryCall<{ text: string; tags: string[] }, unknown>;

beforeAll(async () => {
  r = await startRunnerKit(() => `127.0.0.1:${port}`);
  writeFileSync(path.join(r.ws.dir, 'shared.proto'), PROTO);
  const pkg = protoLoader.loadSync(path.join(r.ws.dir, 'shared.proto'));
  server = new grpc.Server();
  server.addService(pkg['shared.Shared'] as unknown as grpc.ServiceDefinition, {
    Unary: (call: UnaryCall, done: grpc.sendUnaryData<unknown>) =>
      done(null, {
        text: `${call.request.text} ${call.metadata.get('x-who').join(',')}`,
        tags: call.request.tags,
      }),
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  r.save('shared/a', {
    schema,
    method,
    messages: [{ text: 'a {{who}}', tags: ['{{who}}', 'plain'] }],
    metadata: [{ key: 'x-who', value: '{{who}}' }],
    captures: [
      { name: 'got', expr: 'response.text' },
      { name: 'hidden', expr: 'response.tags[1]', secret: true },
    ],
    assertions: [{ expr: 'response.tags.size() == 2' }],
  });
  r.save('shared/b', {
    schema,
    method,
    messages: [{ text: 'b {{got}} {{hidden}}', tags: [] }],
    metadata: [{ key: 'x-who', value: '{{hidden}}' }],
    assertions: [{ expr: 'response.text.startsWith("b a ")' }],
  });
  // Older than the read cache's racy window: the run reads the kept requests, not fresh ones.
  const past = new Date(Date.now() - 60_000);
  for (const p of paths)
    utimesSync(path.join(r.ws.dir, 'collections', `${p}.grpc.json`), past, past);
});

afterAll(async () => {
  await r.close();
  server.forceShutdown();
});

describe('a run reads the kept requests without copying them', () => {
  it('changes nothing of them: the next run and every reader see the saved requests', async () => {
    const saved = paths.map((p) => r.ws.readRequest(p));
    const run = () =>
      r.run({ target: 'shared', data: [{ who: 'xavier' }, { who: 'yolanda' }], iterations: 2 });
    const first = await run();
    expect(first.summary).toMatchObject({ requests: 4, passed: 4 });
    expect(first.results.map((x) => x.responses[0])).toEqual([
      { text: 'a xavier xavier', tags: ['xavier', '[secret:hidden]'] },
      { text: 'b a xavier xavier [secret:hidden] [secret:hidden]' },
      { text: 'a yolanda yolanda', tags: ['yolanda', '[secret:hidden]'] },
      { text: 'b a yolanda yolanda [secret:hidden] [secret:hidden]' },
    ]);
    expect(paths.map((p) => r.ws.readRequest(p))).toEqual(saved);
    const second = await run();
    const shown = (x: typeof first) =>
      x.results.map((res) => [res.path, res.passed, res.responses, res.assertions]);
    expect(shown(second)).toEqual(shown(first));
    expect(paths.map((p) => r.ws.readRequest(p))).toEqual(saved);
  }, 30_000);

  it('keeps two runs of the same kept requests at once apart: each hears its own calls', async () => {
    // Both runs send the very same document objects: each run's observer takes the call it is
    // beginning, never the other run's call of the same document.
    const runOf = (who: string) => r.run({ target: 'shared', data: [{ who }], iterations: 3 });
    const [x, y] = await Promise.all([runOf('xavier'), runOf('yolanda')]);
    for (const [result, who] of [
      [x, 'xavier'],
      [y, 'yolanda'],
    ] as const) {
      expect(result.summary).toMatchObject({ requests: 6, passed: 6 });
      for (const res of result.results.filter((_, i) => i % 2 === 0))
        expect(res.responses).toEqual([
          { text: `a ${who} ${who}`, tags: [who, '[secret:hidden]'] },
        ]);
    }
  }, 30_000);

  it('is frozen all the way down: a reader that would change it throws (every run is a guard)', () => {
    const kept = r.ws.readRequestShared('shared/a');
    const message = kept.messages[0] as { text: string; tags: string[] };
    expect(() => {
      message.tags.push('more');
    }).toThrow(TypeError);
    expect(() => {
      message.text = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (kept.metadata[0] as { value: string }).value = 'changed';
    }).toThrow(TypeError);
    expect(r.ws.readRequestShared('shared/a').messages[0]).toEqual({
      text: 'a {{who}}',
      tags: ['{{who}}', 'plain'],
    });
    // A reader's own copy is its own to change.
    const copy = r.ws.readRequest('shared/a');
    (copy.messages[0] as { text: string }).text = 'mine';
    expect(r.ws.readRequestShared('shared/a').messages[0]).toMatchObject({ text: 'a {{who}}' });
  });
});
