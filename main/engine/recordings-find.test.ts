// recording.find through the router: a whole 100k-event recording in the recordings folder is
// searched in the engine, paged by hits, and a newer find in the same group stops the older one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NEEDLE_CHAT_EVENTS,
  NEEDLE_CHAT_TURNS,
  writeNeedleChat,
} from '../recording/testdata/needle-chat.js';
import { startEngineKit, type EngineKit } from './engine.testkit.js';

let kit: EngineKit;
const id = 'example.ChatService/Chat/needles.ndjson';
const needles = Math.floor((NEEDLE_CHAT_TURNS - 1) / 997) + 1;

beforeAll(async () => {
  kit = startEngineKit();
  const { dir } = await kit.call('recording.list', {});
  mkdirSync(join(dir, 'example.ChatService', 'Chat'), { recursive: true });
  await writeNeedleChat(join(dir, id));
}, 60_000);

afterAll(async () => {
  await kit.close();
});

describe('recording.find', () => {
  it('counts the whole recording and pages through its hits', async () => {
    const first = await kit.call('recording.find', { id, query: 'NEEDLE', limit: 2 });
    expect(first).toMatchObject({
      total: needles + 2,
      events: NEEDLE_CHAT_EVENTS,
      cancelled: false,
    });
    expect(first.hits).toEqual([
      { seq: 0, dir: 'local', type: 'started', paths: ['metadata.x-trace'] },
      { seq: 3, dir: 'server', type: 'received', message: 1, paths: ['content'] },
    ]);
    const end = await kit.call('recording.find', { id, query: 'needle', skip: needles, limit: 5 });
    expect(end.hits.map((h) => h.paths[0])).toEqual(['content', 'status.message']);
    const exact = await kit.call('recording.find', { id, query: 'NEEDLE', caseSensitive: true });
    expect(exact.total).toBe(0);
  });

  it('a page read from the middle says how many messages came before it', async () => {
    // Sent message i is event 2 + 2i, its answer 3 + 2i.
    const page = await kit.call('recording.read', { id, fromSeq: 50_001, limit: 3 });
    expect(page.events.map((e) => [e.seq, e.type])).toEqual([
      [50_001, 'received'],
      [50_002, 'sent'],
      [50_003, 'received'],
    ]);
    expect(page.before).toEqual({ sent: 25_000, received: 24_999 });
    expect((await kit.call('recording.read', { id, fromSeq: 0, limit: 1 })).before).toEqual({
      sent: 0,
      received: 0,
    });
  });

  it('a newer find in the same group stops the one still running', async () => {
    const older = kit.call('recording.find', { id, query: 'hello', group: 'viewer' });
    // Started after the older one's first read: the older one stops at its next batch.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await kit.call('recording.find', { id, query: 'u1', group: 'viewer' });
    expect(newer.cancelled).toBe(false);
    const stopped = await older;
    expect(stopped.cancelled).toBe(true);
    expect(stopped.events).toBeLessThan(NEEDLE_CHAT_EVENTS);
    // Another group is left alone.
    const [a, b] = await Promise.all([
      kit.call('recording.find', { id, query: 'hello', group: 'one' }),
      kit.call('recording.find', { id, query: 'hello', group: 'two' }),
    ]);
    expect([a.cancelled, b.cancelled]).toEqual([false, false]);
    expect(a.total).toBe(b.total);
  });

  it('refuses an empty query and an id outside the folder, in words', async () => {
    const empty = await kit.router.invoke('recording.find', { id, query: '' });
    expect(empty).toMatchObject({ t: 'error', code: 'invalid_input' });
    expect(JSON.stringify(empty)).toContain('type something to find');
    const outside = await kit.router.invoke('recording.find', { id: '../x.ndjson', query: 'a' });
    expect(outside).toMatchObject({ t: 'error', code: 'invalid_input' });
  });
});
