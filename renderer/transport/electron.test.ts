/* eslint-disable no-restricted-imports -- the bridge here is the preload's contract wired to the real engine and router, as app/electron does */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../main/engine/index.js';
import { createRouter } from '../../main/router/index.js';
import type { GwbBridge } from '../../shared/wire/bridge.js';
import { createElectronTransport } from './electron.js';
import { TransportError } from './types.js';

// The preload's bridge is two functions over IPC; here the same two functions call the router and
// the engine's emit directly, so the Electron transport is tested against the real engine.

let dir: string;
let engine: Engine;
let bridge: GwbBridge;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-bridge-'));
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  engine = createEngine({
    dataDir: join(dir, 'data'),
    host: { kind: 'electron', filePicker: true },
    emit: (topic, payload) => listeners.get(topic)?.forEach((l) => l(payload)),
  });
  const router = createRouter(engine.handlers);
  let id = 1;
  bridge = {
    invoke: (name, input) => router.dispatch({ t: 'call', id: id++, name, input }),
    subscribe: (topic, listener) => {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Electron transport', () => {
  it('invokes, subscribes, unsubscribes and raises TransportErrors', async () => {
    const transport = createElectronTransport(bridge);
    expect((await transport.invoke('host.capabilities', {})).host).toBe('electron');
    const progress: string[] = [];
    const off = transport.subscribe('schema.progress', (p) => progress.push(p.phase));
    const error = await transport
      .invoke('schema.loadDescriptorSet', { path: join(dir, 'missing.pb') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'schema_error' });
    expect(progress).toEqual(['started', 'failed']);
    off();
    await transport
      .invoke('schema.loadDescriptorSet', { path: join(dir, 'missing.pb') })
      .catch(() => undefined);
    expect(progress).toHaveLength(2);
    // Undefined fields vanish as they would over the WebSocket instead of failing validation.
    // (without that, `{a: undefined}` would be refused as invalid_input before the lookup).
    const missing = await transport
      .invoke('call.send', { callId: 'call-x', message: { a: undefined } as never })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not_found' });
    const statuses: string[] = [];
    transport.onStatus((s) => statuses.push(s));
    transport.close();
    expect(statuses).toEqual(['open', 'closed']);
  });
});
