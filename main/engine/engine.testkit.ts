// Test helpers: a real engine behind the real router, with every emitted event recorded and a
// way to wait for one without sleeping.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createEngine, type Engine, type EngineOptions } from './index.js';
import { createRouter, type Router } from '../router/index.js';
import { resourcePath } from '../resources.js';
import {
  commands,
  type CommandName,
  type EventPayload,
  type EventTopic,
  type Input,
  type Output,
} from '../../shared/contract/index.js';
import type { JsonValue } from '../../shared/calls/events.js';
import {
  newRequest,
  plaintextConnection,
  type RequestDocument,
} from '../../shared/request/index.js';

export interface RecordedEvent {
  topic: EventTopic;
  payload: unknown;
}

export interface EngineKit {
  engine: Engine;
  router: Router;
  dataDir: string;
  baseDir: string;
  events: RecordedEvent[];
  /** Invokes through the router, checks the output against the contract, throws on an error reply. */
  call<N extends CommandName>(name: N, input: Input<N>): Promise<Output<N>>;
  waitForEvent<T extends EventTopic>(
    topic: T,
    match: (payload: EventPayload<T>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<T>>;
  close(): Promise<void>;
}

export function startEngineKit(extra: Partial<EngineOptions> = {}): EngineKit {
  const baseDir = mkdtempSync(join(tmpdir(), 'gwb-engine-'));
  const dataDir = join(baseDir, 'data');
  const events: RecordedEvent[] = [];
  const waiters = new Set<(e: RecordedEvent) => void>();
  const engine = createEngine({
    dataDir,
    host: { kind: 'test' },
    emit: (topic, payload) => {
      const e = { topic, payload };
      events.push(e);
      for (const w of [...waiters]) w(e);
    },
    ...extra,
  });
  const router = createRouter(engine.handlers);

  return {
    engine,
    router,
    dataDir,
    baseDir,
    events,
    async call(name, input) {
      const reply = await router.invoke(name, input);
      if (reply.t === 'error')
        throw Object.assign(new Error(`${name}: ${reply.code}: ${reply.message}`), { reply });
      return commands[name].output.parse(reply.output) as Output<typeof name>;
    },
    waitForEvent(topic, match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        for (const e of events)
          if (e.topic === topic && match(e.payload as never)) return resolve(e.payload as never);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${topic} event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (e: RecordedEvent) => {
          if (e.topic !== topic || !match(e.payload as never)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(e.payload as never);
        };
        waiters.add(waiter);
      });
    },
    async close() {
      await engine.close();
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}

/** An engine kit with the demo server running and its protos loaded. */
export async function startDemoEngineKit(
  extra: Partial<EngineOptions> = {},
): Promise<{ kit: EngineKit; target: string; schemaId: string }> {
  const kit = startEngineKit(extra);
  const { target } = await kit.call('demo.start', {});
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [resourcePath('protos', 'example.proto')],
    importPaths: [resourcePath('protos')],
  });
  return { kit, target, schemaId };
}

/**
 * A demo engine kit (startDemoEngineKit) with a workspace open (in `dir`, or a new one) and an
 * environment `prod` holding `variables`: what the secret-masking tests start from.
 */
export async function startEnvironmentKit(
  variables: Input<'environment.save'>['variables'],
  dir?: string,
): Promise<{ kit: EngineKit; target: string; schemaId: string }> {
  const demo = await startDemoEngineKit();
  await demo.kit.call('workspace.open', dir === undefined ? {} : { dir });
  await demo.kit.call('environment.save', { name: 'prod', variables });
  return demo;
}

/** Starts a call with `input` and answers the history entry it left, once history lists it. */
export async function historyEntryOfCall(
  kit: EngineKit,
  input: Input<'call.start'>,
): Promise<Output<'history.get'>['entry']> {
  const listed = async () => (await kit.call('history.list', {})).entries;
  const before = (await listed()).length;
  await kit.call('call.start', input);
  await expect.poll(async () => (await listed()).length).toBe(before + 1);
  const [newest] = await listed();
  if (!newest) throw new Error('history lists no entry');
  return (await kit.call('history.get', { id: newest.id })).entry;
}

/** A request document to the demo (or any plaintext) server: the input `call.start` takes. */
export function demoRequest(
  address: string,
  method: string,
  messages: JsonValue[] = [{}],
  extra: Partial<RequestDocument> = {},
): RequestDocument {
  return { ...newRequest(plaintextConnection(address), method), messages, ...extra };
}

/** Every event of one call, in emit order, flattened out of the batches. */
export function callEventsOf(events: RecordedEvent[], callId: string) {
  return events
    .filter(
      (e) =>
        e.topic === 'call.events' && (e.payload as EventPayload<'call.events'>).callId === callId,
    )
    .flatMap((e) => (e.payload as EventPayload<'call.events'>).events);
}

/**
 * Starts a server stream of `count` messages of `size` bytes on a bench server (bench/bench.proto)
 * and waits for it to end: its callId and the batch of events that ended it.
 */
export async function streamBenchToEnd(
  kit: EngineKit,
  target: string,
  { count, size, timeoutMs }: { count: number; size?: number; timeoutMs: number },
): Promise<{ callId: string; last: EventPayload<'call.events'> }> {
  const { schemaId } = await kit.call('schema.loadProtoFiles', {
    files: [join(process.cwd(), 'bench', 'bench.proto')],
    importPaths: [join(process.cwd(), 'bench')],
  });
  const { callId } = await kit.call('call.start', {
    schemaId,
    request: demoRequest(target, '/bench.Bench/Stream', [{ count, ...(size ? { size } : {}) }]),
  });
  const last = await kit.waitForEvent(
    'call.events',
    (p) => p.callId === callId && p.events.some((e) => e.type === 'ended'),
    timeoutMs,
  );
  return { callId, last };
}
