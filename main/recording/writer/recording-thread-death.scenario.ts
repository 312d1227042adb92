/**
 * The reviewer's scenario, run in a child process by recording-thread-death.test.ts: while the
 * event loop waits for a dead recording thread nothing else runs, vitest's own timeout included,
 * so only a process outside can see the wait never end. Prints one JSON line of what it saw.
 * Usage: tsx recording-thread-death.scenario.ts <terminate|crash> <folder> [silentThreadMs]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordingThread } from './recording-thread.js';
import { crashOnFirstOp, workerOf } from './recording-thread.testkit.js';

const [how, folder, silence] = process.argv.slice(2) as [string, string, string | undefined];
const thread = new RecordingThread(silence === undefined ? undefined : Number(silence));

const file = thread.open(join(folder, 'lost.ndjson'));
const worker = workerOf(thread);
// An op it cannot take apart, before the file's: an uncaught exception ends it.
if (how === 'crash') crashOnFirstOp(thread);
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
