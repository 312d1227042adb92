// A history entry is serialised once, as its batch file's line: the kept events are the call's
// own (no copy of the log per entry), and a queued entry reads back as the file will hold it.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { capEvents } from './cap-events.js';
import { HistoryStore } from './history-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function events(): CallEvent[] {
  return [
    { seq: 0, t: 0, type: 'started', note: undefined },
    { seq: 1, t: 1, type: 'ended' },
  ] as unknown as CallEvent[];
}

describe('a history entry, serialised once', () => {
  it('keeps the call’s own event objects, not copies', () => {
    const log = events();
    const capped = capEvents(log, 1000);
    expect(capped.kept[0]).toBe(log[0]);
    expect(capped.kept[1]).toBe(log[1]);
  });

  it('reads a queued entry back as its file will hold it, and the same once written', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir);
    const { id } = history.append({
      request: sampleRequest({ name: 'once' }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events: events(),
    });
    const queued = history.get(id);
    expect(queued.events[0]).not.toHaveProperty('note');
    expect(history.list().entries.map((e) => e.id)).toEqual([id]);
    await history.flush();
    expect(new HistoryStore(dir).get(id)).toEqual(queued);
  });
});
