// A captured call followed while it runs grows its recording without end: the viewer's log reads
// let-go pages back from the recording (`recording.read`), as a call's log does from the engine,
// so it keeps a bounded number of events in memory and still shows the first ones when asked.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/calls/events.js';
import { ScriptedClient } from '../api/scripted-client.testkit.js';
import { peekLog } from '../store/callLogs.js';
import { createWorkbenchStore } from '../store/index.js';
import { DEFAULT_MAX_PAGES, PAGE_SIZE } from '../timeline/callLog.js';
import { PAGE } from './recordingsSlice.js';

const event = (seq: number): CallEvent =>
  ({ type: 'received', seq, t: seq, message: { n: seq }, size: 1 }) as unknown as CallEvent;

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a followed recording in the viewer', () => {
  it('keeps a bounded number of events in memory and pages the first ones back', async () => {
    // What the recording file holds so far: the test writes more before each follow.
    let written = PAGE;
    const client = new ScriptedClient({
      'recording.read': (raw) => {
        const { fromSeq = 0, limit, id } = raw as { fromSeq?: number; limit: number; id: string };
        const to = Math.min(written, fromSeq + limit);
        return {
          recording: {
            id,
            method: '/example.LogService/Tail',
            kind: 'server_stream' as const,
            target: '127.0.0.1:1',
            startedAt: 0,
            events: written,
            sent: 0,
            received: written,
            durationMs: 1,
            sizeBytes: written,
            complete: false,
          },
          events: Array.from({ length: Math.max(0, to - fromSeq) }, (_, i) => event(fromSeq + i)),
          nextSeq: to < written ? to : null,
          before: { sent: 0, received: fromSeq },
        };
      },
    });
    const store = createWorkbenchStore(client, (cb) => cb());
    await store.getState().openRecording('running');
    const total = (DEFAULT_MAX_PAGES + 40) * PAGE_SIZE;
    while (written < total) {
      written = Math.min(total, written + PAGE);
      await store.getState().followRecording();
    }
    const log = peekLog(store.getState().openedRecording?.logId);
    expect(log?.length).toBe(total);
    expect(log?.pagesInMemory).toBeLessThanOrEqual(DEFAULT_MAX_PAGES + 1);
    // The first event was let go of; asking for it reads it back from the recording.
    expect(log?.eventAt(0)).toBeUndefined();
    await until(() => log?.eventAt(0) !== undefined, 'the first page to be read back');
    expect(log?.eventAt(0)).toMatchObject({ seq: 0 });
  });
});
