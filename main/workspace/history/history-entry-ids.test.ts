// Entry ids are `<time>-<8 hex digits>`; the random digits come from a pool of random bytes
// filled a few kilobytes at a time (history-store.ts). Entries of the same millisecond still get
// ids of their own, across refills of the pool.
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describe('history entry ids', () => {
  it('3,000 entries of one millisecond (several pools of random bytes) have distinct ids', () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir, { maxEntries: 10_000 });
    const at = new Date('2026-12-05T10:00:00.000Z');
    const request = sampleRequest();
    const ids = Array.from(
      { length: 3000 },
      () =>
        history.append({ request, status: { code: 0, message: '' }, durationMs: 1, events: [], at })
          .id,
    );
    history.clear();
    for (const id of ids) expect(id).toMatch(/^2026-12-05T10-00-00-000Z-[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
