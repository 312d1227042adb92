// Run by stream-memory.test.ts in a process of its own (node --expose-gc): gwb, in process, calls
// a server stream of `count` messages and prints each to a sink that keeps nothing; the heap is
// measured after a full GC every few thousand messages. Prints the heap after the first 10k
// messages (`FIRST`) and the most it reached (`PEAK`).
import '../../main/platform/native-base64.js';
import { Readable } from 'node:stream';
import { main } from './main.js';

const [target, count, proto] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

let lines = 0;
let first = 0;
let peak = 0;
const code = await main(
  [
    '-plaintext',
    '-import-path',
    proto,
    '-proto',
    'bench.proto',
    '-d',
    JSON.stringify({ count: Number(count), size: 30 }),
    target,
    'bench.Bench/Stream',
  ],
  {
    stdout: {
      write(chunk: string) {
        // One message per write; measure every 10k, after a full collection.
        if (++lines % 10_000 !== 0) return;
        gc();
        const used = process.memoryUsage().heapUsed;
        if (first === 0) first = used;
        peak = Math.max(peak, used);
        void chunk;
      },
    },
    stderr: { write: (chunk: string) => process.stderr.write(chunk) },
    stdin: Readable.from([]),
  },
);
process.stdout.write(`LINES ${lines}\nFIRST ${first}\nPEAK ${peak}\nCODE ${code}\n`);
