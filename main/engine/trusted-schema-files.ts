// Schema files outside the workspace that the user has loaded themselves (typed or picked, or
// confirmed with confirmOutside), by real path. A saved request naming one of them loads it: the
// user chose that file on this machine. The list lives in the engine's data folder, which a
// workspace from elsewhere cannot write.
import { FILE_LIMITS, readFileText } from '../platform/safe-read.js';
import { writeFileAtomic } from '../workspace/store/atomic-write.js';

export class TrustedSchemaFiles {
  private readonly files = new Set<string>();

  /** `file`: where the list is kept; without one it lasts as long as the engine. */
  constructor(private readonly file?: string) {
    if (file === undefined) return;
    try {
      const list: unknown = JSON.parse(
        readFileText(file, { what: 'trusted files list', limit: FILE_LIMITS.workspaceJson }),
      );
      if (Array.isArray(list))
        for (const entry of list) if (typeof entry === 'string') this.files.add(entry);
    } catch {
      // None yet, or unreadable: nothing is trusted until the user loads files again.
    }
  }

  has(realPath: string): boolean {
    return this.files.has(realPath);
  }

  add(realPaths: readonly string[]): void {
    const fresh = realPaths.filter((p) => !this.files.has(p));
    if (fresh.length === 0) return;
    for (const p of fresh) this.files.add(p);
    if (this.file === undefined) return;
    try {
      writeFileAtomic(this.file, `${JSON.stringify([...this.files], null, 2)}\n`, { mode: 0o600 });
    } catch {
      // Kept in memory for this run; the next run asks again.
    }
  }
}
