// History batch files (history-files.ts): entries are validated where they are read, a bad line
// is said with its file and line while the batch's other entries are still listed, and get()
// finds an entry inside a batch by id.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';
import { historyFiles } from './history.testkit.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

async function storeWithBatch(names: string[]): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  dirs.push(dir);
  const history = new HistoryStore(dir);
  for (const name of names)
    history.append({
      request: sampleRequest({ name }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events: [],
    });
  await history.flush();
  const files = historyFiles(path.join(dir, 'history'));
  expect(files).toHaveLength(1);
  return { dir, file: path.join(dir, 'history', files[0] as string) };
}

describe('history batch files', () => {
  it('one file holds the batch, one entry a line; get finds each by id', async () => {
    const { dir, file } = await storeWithBatch(['a', 'b', 'c']);
    expect(path.basename(file)).toMatch(/_3\.jsonl$/);
    const reopened = new HistoryStore(dir);
    const listed = reopened.list();
    expect(listed.entries.map((e) => e.request.name)).toEqual(['c', 'b', 'a']);
    for (const entry of listed.entries)
      expect(new HistoryStore(dir).get(entry.id).request.name).toBe(entry.request.name);
    expect(reopened.list({ offset: 1, limit: 1 }).entries.map((e) => e.request.name)).toEqual([
      'b',
    ]);
    expect(() => reopened.get('2020-01-01T00-00-00-000Z-00000000')).toThrow(/no history entry/);
  });

  it('validates what it reads: a bad line is said with file and line, the others are listed', async () => {
    const { dir, file } = await storeWithBatch(['a', 'b', 'c']);
    const lines = readFileSync(file, 'utf8').split('\n');
    const b = JSON.parse(lines[1] as string) as { status: unknown };
    b.status = 'fine';
    lines[1] = JSON.stringify(b);
    writeFileSync(file, lines.join('\n'));
    const listed = new HistoryStore(dir).list();
    expect(listed.entries.map((e) => e.request.name)).toEqual(['c', 'a']);
    expect(listed.errors).toEqual([
      {
        file: path.basename(file),
        error: expect.stringMatching(/_3\.jsonl:2: status: /),
      },
    ]);
  });
});

describe('history entries of the same millisecond', () => {
  it('get finds each, whatever order their random parts sort in', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir);
    const at = new Date('2026-12-05T10:00:00.000Z');
    // Sixty ids share their time; some sort before the batch's first id by their random part.
    const ids = Array.from({ length: 60 }, (_, i) =>
      history.append({
        request: sampleRequest({ name: `r${i}` }),
        status: { code: 0, message: '' },
        durationMs: 1,
        events: [],
        at,
      }),
    ).map((entry) => entry.id);
    await history.flush();
    expect(historyFiles(path.join(dir, 'history'))).toHaveLength(1);
    for (const [i, id] of ids.entries())
      expect(new HistoryStore(dir).get(id).request.name).toBe(`r${i}`);
  });
});
