import { describe, it, expect, afterEach } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';
import { historyEntriesOnDisk } from './history.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function events(n: number): CallEvent[] {
  return Array.from(
    { length: n },
    (_, i): CallEvent =>
      ({ seq: i, t: i, type: 'received', message: { i }, size: 2 }) as unknown as CallEvent,
  );
}

describe('history', () => {
  it('appends, lists newest first, searches, caps events and prunes the oldest', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir, { maxEntries: 3, maxEvents: 4 });
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      history.append({
        request: sampleRequest({ name: `call ${i}`, messages: [{ id: String(i) }] }),
        status: { code: i === 3 ? 5 : 0, message: i === 3 ? 'user "3" not found' : '' },
        durationMs: i,
        events: events(i === 4 ? 10 : 2),
        at: new Date(base + i * 1000),
      });
    }
    // Queued entries are listed before they are on disk, the newest maxEntries of them.
    expect(history.list().entries.map((e) => e.request.name)).toEqual([
      'call 4',
      'call 3',
      'call 2',
    ]);
    await history.flush();
    // The two oldest would have been pruned at once: they are not written.
    expect(historyEntriesOnDisk(path.join(dir, 'history')).map((e) => e.request.name)).toEqual([
      'call 2',
      'call 3',
      'call 4',
    ]);
    const list = history.list();
    expect(list.entries.map((e) => e.request.name)).toEqual(['call 4', 'call 3', 'call 2']);
    expect(list.entries[0]!.events).toHaveLength(4);
    expect(list.entries[0]!.droppedEvents).toBe(6);
    expect((list.entries[0]!.events.at(-1) as { seq: number }).seq).toBe(9);
    expect(history.search('NOT FOUND').map((e) => e.request.name)).toEqual(['call 3']);
    expect(history.search('"id":"2"').map((e) => e.request.name)).toEqual(['call 2']);
    expect(list.entries[0]!.version).toBe(2);
    expect(history.get(list.entries[1]!.id).status.code).toBe(5);
    expect(history.list({ limit: 1, offset: 1 }).entries.map((e) => e.request.name)).toEqual([
      'call 3',
    ]);

    writeFileSync(path.join(dir, 'history', '9999-broken.json'), '{"version": 1');
    const withBroken = history.list();
    expect(withBroken.entries).toHaveLength(3);
    expect(withBroken.errors).toEqual([
      {
        file: '9999-broken.json',
        error: expect.stringMatching(/9999-broken\.json: not valid JSON/),
      },
    ]);
    expect(history.prune(1)).toBe(3);
    expect(history.list().entries.map((e) => e.request.name)).toEqual([]);
    expect(() => history.get('../x')).toThrow(/not a history entry id/);
  });

  it('reads format-1 entries through the request migration; one that cannot be read is listed, not dropped', () => {
    const dir = tempDir();
    dirs.push(dir);
    writeFileSync(
      path.join(dir, 'workspace.json'),
      JSON.stringify({
        version: 1,
        id: 'w',
        schemaSources: [{ id: 'set', kind: 'descriptorSet', path: 'api.protoset' }],
      }),
    );
    mkdirSync(path.join(dir, 'history'));
    const v1 = (id: string, schemaSource: string) => ({
      version: 1,
      id,
      at: '2025-01-01T00:00:00.000Z',
      request: {
        version: 1,
        name: `old ${id}`,
        connection: { address: 'h:1', security: { kind: 'plaintext' } },
        schemaSource,
        method: '/a.B/C',
        body: [{ n: 1 }, { n: 2 }],
        metadata: [],
        options: {},
        notes: '',
      },
      status: { code: 0, message: '' },
      durationMs: 3,
      events: [],
      droppedEvents: 0,
    });
    writeFileSync(path.join(dir, 'history', '2025-a.json'), JSON.stringify(v1('2025-a', 'set')));
    writeFileSync(path.join(dir, 'history', '2025-b.json'), JSON.stringify(v1('2025-b', 'gone')));
    const history = new HistoryStore(dir);
    const listed = history.list();
    expect(listed.entries.map((e) => e.request)).toEqual([
      {
        name: 'old 2025-a',
        connection: { address: 'h:1', security: { kind: 'plaintext' } },
        schema: { kind: 'descriptorSet', files: ['api.protoset'] },
        method: '/a.B/C',
        messages: [{ n: 1 }, { n: 2 }],
        metadata: [],
        options: {},
        notes: '',
      },
    ]);
    expect(listed.entries[0]!.version).toBe(2);
    expect(listed.errors).toEqual([
      {
        file: '2025-b.json',
        error: expect.stringMatching(/2025-b\.json: schemaSource: no schema source "gone"/),
      },
    ]);
    expect(history.get('2025-a').request.name).toBe('old 2025-a');
    // History files are read, never rewritten.
    expect(readdirSync(path.join(dir, 'history')).sort()).toEqual(['2025-a.json', '2025-b.json']);
  });
});
