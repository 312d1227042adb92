// A process killed mid-save leaves its temp file behind (the target itself is intact). Temp files
// older than any real write could take are removed when seen; younger ones may belong to a writer
// in another process (the app and `gwb` can share a workspace), so they are left alone.
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEMP_PREFIX } from './atomic-write.js';

export const STALE_TEMP_MS = 60_000;

export function sweepIfStale(file: string, olderThanMs: number = STALE_TEMP_MS): void {
  try {
    if (Date.now() - statSync(file).mtimeMs >= olderThanMs)
      rmSync(file, { recursive: true, force: true });
  } catch {
    // gone already, or not ours to remove
  }
}

/** Sweeps the temp files directly inside `dir`. */
export function sweepDir(dir: string, olderThanMs: number = STALE_TEMP_MS): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names)
    if (name.startsWith(TEMP_PREFIX)) sweepIfStale(path.join(dir, name), olderThanMs);
}
