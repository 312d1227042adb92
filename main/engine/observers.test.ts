import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent } from '../../shared/calls/events.js';
import type { EventPayload } from '../../shared/contract/index.js';
import type { CallObserverFactory, CallStart } from './call-observer.js';
import { demoRequest, startDemoEngineKit, type EngineKit } from './engine.testkit.js';

// Observers are attached to a call explicitly when it starts (UI batcher, recorder, history and
// the host's own), read events without changing them, and see a call's end however it ends.

const TAIL = '/example.LogService/Tail';
let kit: EngineKit | undefined;

afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function start(extra: Parameters<typeof startDemoEngineKit>[0] = {}) {
  const started = await startDemoEngineKit(extra);
  kit = started.kit;
  await kit.call('workspace.open', {});
  return started;
}

const ended = (callId: string) => (p: EventPayload<'call.events'>) =>
  p.callId === callId && p.events.some((e) => e.type === 'ended');

/** Process warnings while `run` goes: how the registry reports an observer that threw. */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  try {
    await run();
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('call observers', () => {
  it('no observer changes an event: all of them run on frozen events', async () => {
    const frozen: CallEvent[] = [];
    const freezer: CallObserverFactory = () => ({
      onEvent(event) {
        frozen.push(Object.freeze(event) as CallEvent);
      },
    });
    const { kit, target, schemaId } = await start({ observers: [freezer] });
    const warnings = await warningsDuring(async () => {
      for (const keepRaw of [false, true]) {
        const { callId } = await kit.call('call.start', {
          schemaId,
          request: demoRequest(target, TAIL, [{ source: 'f', lines: 3, intervalMs: 1 }]),
          keepRaw,
          record: true,
        });
        await kit.waitForEvent('call.events', ended(callId));
      }
    });
    expect(warnings).toEqual([]);
    expect(frozen.every((e) => Object.isFrozen(e))).toBe(true);
    // The recorder wrote every message's bytes, taken from the call, not from the events.
    const { recordings } = await kit.call('recording.list', { method: TAIL });
    expect(recordings).toHaveLength(2);
    for (const rec of recordings) {
      expect(rec).toMatchObject({ complete: true, received: 3, status: 'OK' });
      const lines = readFileSync(join(kit.dataDir, 'recordings', rec.id), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type?: string; raw?: string });
      const messages = lines.filter((l) => l.type === 'sent' || l.type === 'received');
      expect(messages).toHaveLength(4);
      for (const m of messages) expect(m.raw).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    // What left through the batcher are those same frozen objects.
    const emitted = kit.events
      .filter((e) => e.topic === 'call.events')
      .flatMap((e) => (e.payload as EventPayload<'call.events'>).events);
    expect(emitted.length).toBeGreaterThan(0);
    for (const e of emitted) expect(Object.isFrozen(e)).toBe(true);
    // Without keepRaw, the log keeps no base64 even though the call was recorded.
    const first = emitted.filter((e) => e.type === 'received').slice(0, 3);
    for (const e of first) expect((e as { raw?: string }).raw).toBeUndefined();
  });

  it("hands each factory the call's start, and a host observer every event at once", async () => {
    const starts: CallStart[] = [];
    const seen: string[] = [];
    let endedLog: readonly CallEvent[] = [];
    const cli: CallObserverFactory = (s) => {
      starts.push(s);
      return {
        onEvent: (event) => seen.push(event.type),
        onEnded: (events) => (endedLog = events),
      };
    };
    // A batching interval far longer than the test: only the host observer can see events now.
    const { kit, target, schemaId } = await start({ observers: [cli], batchIntervalMs: 60_000 });
    await kit.call('environment.save', { name: 'e', variables: [{ name: 'who', value: '1' }] });
    const template = demoRequest(target, '/example.UserService/GetUser', [{ id: '{{who}}' }], {
      metadata: [{ key: 'x-echo-who', value: '{{who}}' }],
      deadlineMs: 5000,
    });
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: template,
      environment: 'e',
      requestPath: 'demo/users/get',
    });
    await expect.poll(() => endedLog.length).toBeGreaterThan(0);
    expect(seen[0]).toBe('started');
    expect(seen.slice(-2)).toEqual(['status', 'ended']);
    expect(endedLog.map((e) => e.type)).toEqual(seen);
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({
      callId,
      template,
      requestPath: 'demo/users/get',
      environment: 'e',
      target,
      metadata: [{ key: 'x-echo-who', value: '1' }],
      deadlineMs: 5000,
      keepRaw: false,
      method: { path: '/example.UserService/GetUser', kind: 'unary' },
    });
    expect(starts[0]?.record).toBeUndefined();
  });

  it('writes history unless the engine is told not to', async () => {
    for (const history of [true, false]) {
      const { kit, target, schemaId } = await start({ history });
      const { callId } = await kit.call('call.start', {
        schemaId,
        request: demoRequest(target, '/example.UserService/GetUser', [{ id: '1' }]),
      });
      await kit.waitForEvent('call.events', ended(callId));
      await expect
        .poll(async () => (await kit.call('history.list', {})).entries.length)
        .toBe(history ? 1 : 0);
      await kit.close();
    }
  });

  it('cancelAll ends every running call with the reason, and closes its recording with it', async () => {
    const { kit, target, schemaId } = await start();
    const { callId } = await kit.call('call.start', {
      schemaId,
      request: demoRequest(target, TAIL, [{ source: 'forever', lines: 0, intervalMs: 5 }]),
    });
    await kit.waitForEvent(
      'call.events',
      (p) => p.callId === callId && p.events.some((e) => e.type === 'received'),
    );
    const reason = 'no page of the web host has been attached for 30 s';
    expect(kit.engine.cancelAll(reason)).toBe(1);
    await kit.waitForEvent('call.events', ended(callId));
    expect(kit.engine.cancelAll(reason)).toBe(0);
    const { recordings } = await kit.call('recording.list', { method: TAIL });
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({ complete: true, status: 'CANCELLED' });
    const lines = readFileSync(join(kit.dataDir, 'recordings', recordings[0]!.id), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type?: string; status?: { message: string } });
    expect(lines.at(-1)?.type).toBe('ended');
    expect(lines.at(-2)).toMatchObject({ type: 'status', status: { message: reason } });
  });
});
