// Proto loading is measured in fresh child processes, one load each, so that peak RSS and the
// module caches of one side never flatter or burden the other.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface LoadFigure {
  ms: number;
  rssMb: number;
}

function once(mode: 'raw' | 'ours'): LoadFigure & { files: number } {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'load-protos.cjs'), mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadFigure & { files: number };
}

export async function measureProtoLoad(
  rounds: number,
): Promise<{ files: number; raw: LoadFigure; ours: LoadFigure }> {
  let raw: (LoadFigure & { files: number }) | undefined;
  let ours: (LoadFigure & { files: number }) | undefined;
  for (let i = 0; i < rounds; i++) {
    const r = once('raw');
    const o = once('ours');
    if (!raw || r.ms < raw.ms) raw = r;
    if (!ours || o.ms < ours.ms) ours = o;
  }
  if (!raw || !ours) throw new Error('no proto load rounds ran');
  return { files: raw.files, raw, ours };
}
