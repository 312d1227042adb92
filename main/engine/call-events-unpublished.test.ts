import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRequest, startEngineKit, type EngineKit } from './engine.testkit.js';
import type { CallEvent } from '../../shared/calls/events.js';
import type { CallObserverFactory } from './call-observer.js';

// A host that reads call events from its own observer (gwb) says publishCallEvents: false: no
// call is batched and emitted as `call.events` for nobody, while a client following a call late
// still reads its whole log through the `call.events` command.

const PROTO = `syntax = "proto3";
package t;
message Req { string text = 1; }
message Res { string text = 1; }
service Echo { rpc Say(Req) returns (Res); }
`;

let dir: string;
let server: grpc.Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-unpublished-'));
  writeFileSync(join(dir, 'echo.proto'), PROTO);
  const pkg = protoLoader.loadSync(join(dir, 'echo.proto'));
  server = new grpc.Server();
  server.addService(pkg['t.Echo'] as unknown as grpc.ServiceDefinition, {
    Say: (
      call: grpc.ServerUnaryCall<{ text: string }, unknown>,
      done: grpc.sendUnaryData<unknown>,
    ) => done(null, { text: call.request.text }),
  });
  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
});

afterAll(() => {
  server.forceShutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one unary call on an engine; the events its own observer heard and what it emitted. */
async function oneCall(kit: EngineKit, ended: Promise<CallEvent[]>): Promise<string> {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [join(dir, 'echo.proto')],
    importPaths: [dir],
  });
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(`127.0.0.1:${port}`, '/t.Echo/Say', [{ text: 'hi' }]),
  });
  await ended;
  return callId;
}

function hostObserver(): { observer: CallObserverFactory; ended: Promise<CallEvent[]> } {
  let resolve!: (events: CallEvent[]) => void;
  const ended = new Promise<CallEvent[]>((r) => (resolve = r));
  const heard: CallEvent[] = [];
  const observer: CallObserverFactory = () => ({
    onEvent(event) {
      heard.push(event);
    },
    onEnded() {
      resolve(heard);
    },
  });
  return { observer, ended };
}

describe('call events a host does not publish', () => {
  it('are not batched or emitted; the host observer and a late call.events still see them', async () => {
    const { observer, ended } = hostObserver();
    const kit = startEngineKit({ publishCallEvents: false, observers: [observer] });
    try {
      const callId = await oneCall(kit, ended);
      const heard = await ended;
      expect(heard.map((e) => e.type)).toContain('ended');
      expect(kit.events.filter((e) => e.topic === 'call.events')).toEqual([]);
      const late = await kit.call('call.events', { callId, sinceSeq: 0 });
      expect(late.events.map((e) => e.type)).toEqual(heard.map((e) => e.type));
      expect(late.done).toBe(true);
    } finally {
      await kit.close();
    }
  });

  it('are emitted as before by default', async () => {
    const { observer, ended } = hostObserver();
    const kit = startEngineKit({ observers: [observer] });
    try {
      const callId = await oneCall(kit, ended);
      // The final batch leaves with the end, before the observers' onEnded.
      expect(kit.events.some((e) => e.topic === 'call.events')).toBe(true);
      const late = await kit.call('call.events', { callId, sinceSeq: 0 });
      expect(late.done).toBe(true);
    } finally {
      await kit.close();
    }
  });
});
