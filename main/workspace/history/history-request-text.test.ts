// An entry's line holds its request's JSON text. A deeply frozen request (a kept saved request:
// frozen-json.ts) cannot change, so its text is made once and spliced into each entry's line:
// the line must be the very text serialising the whole entry gives (same keys, same order), and
// a request that can still change is serialised afresh every time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { deepFreeze } from '../../../shared/json/frozen-json.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';
import { historyEntriesOnDisk, historyFiles } from './history.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

const ended = { seq: 0, t: 1, type: 'ended', durationMs: 1 } as unknown as CallEvent;

/** The lines of every history file on disk, oldest first. */
function linesOnDisk(root: string): string[] {
  const dir = path.join(root, 'history');
  return historyFiles(dir).flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean),
  );
}

it('writes a frozen request into each line as serialising the entry would', async () => {
  const root = tempDir();
  dirs.push(root);
  const history = new HistoryStore(root);
  const request = deepFreeze(sampleRequest({ messages: [{ id: '"quoted" \u2028' }] }));
  for (let i = 0; i < 2; i++)
    history.append({
      request,
      requestPath: 'c/get',
      status: { code: 0, message: 'ok' },
      durationMs: i,
      events: [ended],
    });
  await history.flush();
  const lines = linesOnDisk(root);
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(line).toBe(JSON.stringify(entry));
    // What capEvents says of dropped events comes after.
    expect(Object.keys(entry).slice(0, 8)).toEqual([
      'version',
      'id',
      'at',
      'request',
      'requestPath',
      'status',
      'durationMs',
      'events',
    ]);
    expect(entry.request).toEqual(request);
  }
  expect(historyEntriesOnDisk(path.join(root, 'history'))).toHaveLength(2);
});

it('serialises a request that can still change afresh for each entry', async () => {
  const root = tempDir();
  dirs.push(root);
  const history = new HistoryStore(root);
  const request = sampleRequest({ name: 'first' });
  const append = () =>
    history.append({ request, status: { code: 0, message: '' }, durationMs: 1, events: [ended] });
  append();
  history.list(); // its line is made now
  request.name = 'second';
  append();
  await history.flush();
  expect(historyEntriesOnDisk(path.join(root, 'history')).map((e) => e.request.name)).toEqual([
    'first',
    'second',
  ]);
});
