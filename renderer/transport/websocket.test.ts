/* eslint-disable no-restricted-imports -- this test drives the browser transport against the real web host over a real socket */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../app/web/index.js';
import { resourcePath } from '../../main/resources.js';
import type { CallEvent } from '../../shared/calls/events.js';
import { createWebSocketTransport, defaultSocketUrl, type SocketLike } from './websocket.js';
import { TransportError, type ConnectionStatus } from './types.js';
import { newRequest, plaintextConnection } from '../../shared/request/index.js';

let dir: string;
let host: WebHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gwb-transport-'));
  host = await startWebHost({ port: 0, dataDir: join(dir, 'data'), staticDir: join(dir, 'none') });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function transportWithSockets() {
  const sockets: WebSocket[] = [];
  const sent: string[] = [];
  const origin = `http://127.0.0.1:${host.port}`;
  const transport = createWebSocketTransport({
    url: `ws://127.0.0.1:${host.port}/ws?token=${host.token}`,
    initialBackoffMs: 10,
    createSocket: (url) => {
      const ws = new WebSocket(url, { origin });
      const send = ws.send.bind(ws);
      ws.send = ((data: string) => {
        sent.push(data);
        send(data);
      }) as typeof ws.send;
      sockets.push(ws);
      return ws as unknown as SocketLike;
    },
  });
  return { transport, sockets, sent };
}

describe('WebSocket transport', () => {
  it('derives the socket URL from the page location', () => {
    const none = { getItem: () => null, setItem: () => undefined };
    expect(
      defaultSocketUrl({ protocol: 'http:', host: '127.0.0.1:7777', search: '?token=abc' }, none),
    ).toBe('ws://127.0.0.1:7777/ws?token=abc');
    expect(defaultSocketUrl({ protocol: 'http:', host: 'localhost:1', search: '' }, none)).toBe(
      'ws://localhost:1/ws',
    );
  });

  it('sends the token itself after a reload without it in the URL (the cookie opens no socket)', () => {
    const kept = new Map<string, string>();
    const memory = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
    };
    const page = { protocol: 'http:', host: '127.0.0.1:7777' };
    expect(defaultSocketUrl({ ...page, search: '?token=t%2Bk' }, memory)).toBe(
      'ws://127.0.0.1:7777/ws?token=t%2Bk',
    );
    expect(defaultSocketUrl({ ...page, search: '' }, memory)).toBe(
      'ws://127.0.0.1:7777/ws?token=t%2Bk',
    );
  });

  it('invokes commands and turns error envelopes into TransportErrors', async () => {
    const { transport } = transportWithSockets();
    try {
      const caps = await transport.invoke('host.capabilities', {});
      expect(caps.host).toBe('web');
      const failure = await transport
        .invoke('schema.get', { schemaId: 'missing' })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TransportError);
      expect(failure).toMatchObject({ code: 'not_found' });
    } finally {
      transport.close();
    }
  });

  it('after a dropped link, catches up on missed events: every seq exactly once, in order', async () => {
    const { transport, sockets, sent } = transportWithSockets();
    const statuses: ConnectionStatus[] = [];
    transport.onStatus((s) => statuses.push(s));
    try {
      const { target } = await transport.invoke('demo.start', {});
      const { schemaId } = await transport.invoke('schema.loadProtoFiles', {
        files: [resourcePath('protos', 'example.proto')],
        importPaths: [resourcePath('protos')],
      });
      const seen: CallEvent[] = [];
      let dropped = false;
      let callId = '';
      const ended = new Promise<void>((resolve) => {
        transport.subscribe('call.events', ({ callId: id, events }) => {
          if (id !== callId && callId !== '') return;
          seen.push(...events);
          if (!dropped && seen.length >= 20) {
            dropped = true;
            // The link dies mid-stream; the engine keeps streaming into the void meanwhile.
            sockets.at(-1)!.terminate();
          }
          if (events.some((e) => e.type === 'ended')) resolve();
        });
      });
      ({ callId } = await transport.invoke('call.start', {
        schemaId,
        request: {
          ...newRequest(plaintextConnection(target), '/example.LogService/Tail'),
          messages: [{ source: 'app', lines: 300, intervalMs: 1 }],
        },
      }));
      await ended;
      expect(dropped).toBe(true);
      expect(sockets.length).toBeGreaterThan(1);
      expect(statuses).toContain('reconnecting');
      expect(statuses.at(-1)).toBe('open');
      expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i));
      expect(seen.filter((e) => e.type === 'received')).toHaveLength(300);
      // The gap was filled by asking the engine, not by luck.
      expect(sent.some((f) => f.includes('"call.events"') && f.includes(callId))).toBe(true);
    } finally {
      transport.close();
    }
  });
});
