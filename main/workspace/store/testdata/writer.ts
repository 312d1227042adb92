// A child process for the durability tests (bundled by the test, run with plain node).
//   loop FILE A_TEXT_FILE B_TEXT_FILE — writes FILE forever through writeFileAtomic (what every
//     workspace save ends in), alternating the two texts; prints "ready" after the first write.
//     It takes the texts ready-made so the bundle stays small and the process starts fast.
//   once DIR SIZE — saves one request through openWorkspace().saveRequest with a SIZE-byte note;
//     prints {"errno","message"} of the error, or {"ok":true}.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import type { WorkspaceError } from '../workspace-error.js';

const [mode, ...args] = process.argv.slice(2);

async function main(): Promise<void> {
  if (mode === 'loop') {
    const [file = '', a = '', b = ''] = args;
    const texts = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
    for (let n = 0; ; n++) {
      writeFileAtomic(file, texts[n % 2] ?? '');
      if (n === 0) process.stdout.write('ready\n');
    }
  }
  const [dir = '.', size = '0'] = args;
  const { openWorkspace } = await import('../../workspace.js');
  const { versionedRequest } = await import('./versions.js');
  try {
    openWorkspace(dir).saveRequest('c/r', {
      ...versionedRequest('A'),
      notes: 'x'.repeat(Number(size)),
    });
    process.stdout.write(JSON.stringify({ ok: true }));
  } catch (error) {
    const e = error as WorkspaceError;
    process.stdout.write(JSON.stringify({ errno: e.errno, message: e.message }));
  }
}

void main();
