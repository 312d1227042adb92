// A process appending history entries, for the crash tests (history-writer.test.ts).
// `loop DIR`: appends without end, 10 entries a millisecond (a busy runner), and prints
// `written N` (entries on disk so far) after each batch; the test SIGKILLs it mid-run.
// `exit DIR N`: appends N entries and exits at once, before any batch could be written.
// `exit-ended DIR N`: N calls ended (appendEnded), then exits at once, before they were appended.
import path from 'node:path';
import type { CallEvent } from '../../../../shared/calls/events.js';
import { HistoryStore, type HistoryAppend } from '../history-store.js';
import { historyEntriesOnDisk } from '../history.testkit.js';

const [mode, dir, count] = process.argv.slice(2);
let written = 0;
// Told after each batch is on disk (the store's onChange): count what is on disk.
const history = new HistoryStore(dir as string, { maxEntries: 100_000 }, () => {
  written = historyEntriesOnDisk(path.join(dir as string, 'history')).length;
  process.stdout.write(`written ${written}\n`);
});

/** A few kilobytes of events, so a torn write would show. */
const events: CallEvent[] = Array.from(
  { length: 40 },
  (_, i) =>
    ({
      seq: i,
      t: i,
      type: 'received',
      message: { i, text: 'x'.repeat(100) },
      size: 120,
    }) as unknown as CallEvent,
);

function appendOne(i: number, ended = false): void {
  const entry: HistoryAppend = {
    request: {
      name: `call ${i}`,
      connection: { address: 'localhost:1', security: { kind: 'plaintext' } },
      method: '/a.B/C',
      messages: [{ i }],
      metadata: [],
      options: {},
      notes: '',
    },
    status: { code: 0, message: '' },
    durationMs: 1,
    events,
  };
  if (ended) history.appendEnded(() => entry);
  else history.append(entry);
}

if (mode === 'exit' || mode === 'exit-ended') {
  for (let i = 0; i < Number(count); i++) appendOne(i, mode === 'exit-ended');
  process.exit(0);
} else {
  let i = 0;
  const loop = (): void => {
    for (let k = 0; k < 10; k++) appendOne(i++);
    setTimeout(loop, 1);
  };
  loop();
}
