// Run by stream-memory-client.test.ts in a process of its own (node --expose-gc): gwb, in process,
// sends `count` messages from a stdin that never makes it wait (a file: as fast as gwb reads) on
// a client stream to a server in another process. The heap is measured after a full GC every few
// thousand messages read; prints the heap after the first 20k (`FIRST`) and the most (`PEAK`).
import '../../main/platform/native-base64.js';
import { main } from './main.js';

const [target, count, protos] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const collect: () => void = gc;

const total = Number(count);
let produced = 0;
let first = 0;
let peak = 0;

/** 64 KB pieces of JSON lines, made as fast as they are asked for. */
async function* stdin(): AsyncGenerator<string> {
  let piece = '';
  while (produced < total) {
    piece += `${JSON.stringify({ key: `k${produced}`, text: `hello world ${produced}`, tags: ['a', 'b'] })}\n`;
    produced++;
    if (produced % 20_000 === 0) {
      collect();
      const used = process.memoryUsage().heapUsed;
      if (first === 0) first = used;
      peak = Math.max(peak, used);
    }
    if (piece.length >= 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

let stdout = '';
const code = await main(
  [
    '-plaintext',
    '-import-path',
    protos,
    '-proto',
    'example.proto',
    '-d',
    '@',
    target,
    'example.BatchService/Upload',
  ],
  {
    stdout: { write: (chunk: string) => void (stdout += chunk) },
    stderr: { write: (chunk: string) => process.stderr.write(chunk) },
    stdin: stdin(),
  },
);
process.stdout.write(
  `PRODUCED ${produced}\nFIRST ${first}\nPEAK ${peak}\nCODE ${code}\nOUT ${stdout.trim()}\n`,
);
