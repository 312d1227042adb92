import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/wire/bridge.js';
import { createBridge } from './bridge.js';
import { StandInIpcRenderer } from './testing/electron-stand-in.js';

afterEach(() => vi.restoreAllMocks());

describe('the preload bridge (window.gwb)', () => {
  it('exposes exactly invoke and subscribe, never ipcRenderer', () => {
    const ipc = new StandInIpcRenderer();
    const bridge = createBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    for (const value of Object.values(bridge)) expect(value).not.toBe(ipc);
  });

  it('sends each command as a call envelope on the invoke channel, with fresh ids', async () => {
    const ipc = new StandInIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.invoke('host.capabilities', {});
    await bridge.invoke(42 as unknown as string, { a: 1 });
    expect(ipc.invoked).toEqual([
      {
        channel: IPC_INVOKE_CHANNEL,
        args: [{ t: 'call', id: 1, name: 'host.capabilities', input: {} }],
      },
      { channel: IPC_INVOKE_CHANNEL, args: [{ t: 'call', id: 2, name: '42', input: { a: 1 } }] },
    ]);
  });

  it('delivers events to the topic’s listeners until they unsubscribe; ignores malformed ones', () => {
    const ipc = new StandInIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const stop = bridge.subscribe('call.events', (p) => seen.push(p));
    bridge.subscribe('other', () => seen.push('wrong topic'));
    ipc.deliver(IPC_EVENT_CHANNEL, { t: 'event', topic: 'call.events', payload: 1 });
    ipc.deliver(IPC_EVENT_CHANNEL, { t: 'result', topic: 'call.events', payload: 2 });
    ipc.deliver(IPC_EVENT_CHANNEL, { t: 'event', topic: 7, payload: 3 });
    ipc.deliver(IPC_EVENT_CHANNEL, null);
    stop();
    ipc.deliver(IPC_EVENT_CHANNEL, { t: 'event', topic: 'call.events', payload: 4 });
    expect(seen).toEqual([1]);
  });

  it('one throwing listener does not starve the others', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const ipc = new StandInIpcRenderer();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    bridge.subscribe('t', () => {
      throw new Error('boom');
    });
    bridge.subscribe('t', (p) => seen.push(p));
    ipc.deliver(IPC_EVENT_CHANNEL, { t: 'event', topic: 't', payload: 'x' });
    expect(seen).toEqual(['x']);
    expect(console.error).toHaveBeenCalledWith('gwb event listener failed', expect.any(Error));
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(new StandInIpcRenderer());
    expect(() => bridge.subscribe('t', 'alert(1)' as unknown as () => void)).toThrow(
      'listener must be a function',
    );
  });
});
