// A history entry's line is made on the turn after its append, not when its batch is written: what
// makes it (the call's events and documents) is let go of then, instead of being kept alive, and
// promoted by the garbage collector, for the batch window. Append itself still looks at nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls/events.js';
import { removeDir, sampleRequest, tempDir } from '../workspace.testkit.js';
import { HistoryStore } from './history-store.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describe('a history entry’s line', () => {
  it('is made on the next turn: what the log holds after that is not in the entry', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const history = new HistoryStore(dir);
    const events = [{ seq: 0, t: 0, type: 'started' }] as unknown as CallEvent[];
    const { id } = history.append({
      request: sampleRequest({ name: 'next turn' }),
      status: { code: 0, message: '' },
      durationMs: 1,
      events,
    });
    await new Promise((resolve) => setImmediate(resolve));
    // Too late for the entry: its line was made on the turn before.
    events.push({ seq: 1, t: 1, type: 'ended', durationMs: 1 } as unknown as CallEvent);
    await history.flush();
    const written = new HistoryStore(dir).get(id).events;
    expect(written).toHaveLength(1);
    expect(written).toMatchObject([{ seq: 0, type: 'started' }]);
  });
});
