// A bundled host that is not gwb (as the desktop app and gwb serve are), for
// worker-bundle.test.ts: it runs a short load of the target in the file its first argument names
// and prints the counts. Run again as a load worker, this entry would start a load of its own
// instead of working (one worker: a host that recursed would do so one thread at a time): the
// workers must come from dist/load-worker.cjs beside it.
import { readFileSync } from 'node:fs';
import type { RequestDocument } from '../../../shared/request/document.js';
import { runLoad } from '../run-load.js';

interface TargetFile {
  descriptorSet: string;
  request: RequestDocument;
}

async function main(): Promise<void> {
  const target = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as TargetFile;
  const report = await runLoad(
    { descriptorSet: Buffer.from(target.descriptorSet, 'base64'), request: target.request },
    { workers: 1, concurrency: 2, total: 10 },
  );
  process.stdout.write(JSON.stringify({ sent: report.sent, ok: report.ok }));
}

void main();
