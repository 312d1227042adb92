// What this process holds open: a file closed by PackedHere (or any thread of the process: they
// share one table of descriptors) is gone from /proc/self/fd.
import { readdirSync, readlinkSync } from 'node:fs';

/** The paths this process has open that `wanted` picks (a descriptor closed meanwhile is skipped). */
export function openPaths(wanted: (path: string) => boolean): string[] {
  const paths: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (wanted(target)) paths.push(target);
    } catch {
      // Closed between the listing and its link.
    }
  }
  return paths;
}
