/**
 * The reviewer's scenario, run in a child process by recording-thread-death.test.ts: while the
 * event loop waits for a dead recording thread nothing else runs, vitest's own timeout included,
 * so only a process outside can see the wait never end. Prints one JSON line of what it saw.
 * Usage: tsx recording-thread-death.scenario.ts <terminate|crash> <folder> [silentThreadMs]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { RecordingThread } from './recording-thread.js';

const [how, folder, silence] = process.argv.slice(2) as [string, string, string | undefined];
const thread = new RecordingThread(silence === undefined ? undefined : Number(silence));
/** The thread's Worker, to kill it as an OOM or a crash would (nothing else reaches it). */
const workerOf = (): Worker => (thread as unknown as { worker: Worker }).worker;
/** The ring the ops go through and its control words (see RING LAYOUT in recording-thread.ts). */
const sharedOf = () =>
  (thread as unknown as { shared: { control: Int32Array; ring: Buffer } }).shared;

const file = thread.open(join(folder, 'lost.ndjson'));
const worker = workerOf();
// An op it cannot take apart (a size that is no op's), before the file's: an uncaught
// exception ends it.
if (how === 'crash') {
  const { control, ring } = sharedOf();
  ring.writeUInt32LE(3, 0);
  (thread as unknown as { writeAt: number }).writeAt = 8;
  Atomics.store(control, 0, 8);
}
file.append(Buffer.alloc(100 * 1024, 97)); // ≥ 64 KiB: with the thread at once
if (how === 'terminate') void worker.terminate(); // as an OOM kills it: no code of its own runs
// Past the 8 MB bound: the event loop waits for the thread.
file.append(Buffer.alloc(9 * 1024 * 1024, 98));
const seen = {
  failure: file.failure?.message,
  queued: thread.queued,
  closed: await file.close().then(
    () => 'closed',
    (error: Error) => error.message,
  ),
  next: '',
};
// The next recording goes to a new thread.
const next = join(folder, 'next.ndjson');
const nextFile = thread.open(next);
nextFile.append(Buffer.from('after the thread was lost\n'));
await nextFile.close();
seen.next = readFileSync(next, 'utf8');
console.log(JSON.stringify(seen));
