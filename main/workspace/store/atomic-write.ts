// Every workspace write goes through here: a temp file in the same folder, written and fsynced,
// renamed over the target, then the folder fsynced. A crash at any point leaves either the old
// or the new file, never a torn or empty one; a full disk leaves the original untouched. Each
// write is marked as this process's own (own-writes.ts), so the watcher never echoes it.
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { makeDir } from './fs-ops.js';
import { markWritten } from './own-writes.js';
import { WorkspaceError } from './workspace-error.js';

/** Temp files start with this, so listings and the watcher skip them. */
export const TEMP_PREFIX = '.gwb-tmp-';

const FRIENDLY: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EFBIG: 'the file is larger than the system allows',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
};

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export interface AtomicWriteOptions {
  /** File mode of a newly written file (e.g. 0o600 for key files). */
  mode?: number;
}

export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions = {},
): void {
  const dir = path.dirname(file);
  const temp = path.join(
    dir,
    `${TEMP_PREFIX}${path.basename(file)}.${randomBytes(4).toString('hex')}`,
  );
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  try {
    makeDir(dir);
    fd = openSync(temp, 'wx', opts.mode ?? 0o644);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    // The rename keeps inode, size and mtime: marked before it, the file is never seen unmarked.
    markWritten(file, fstatSync(fd, { bigint: true }));
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error is what matters
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // the temp file may not exist
    }
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const reason = FRIENDLY[code] ?? (error as Error).message;
    throw new WorkspaceError(
      `cannot write ${file}: ${reason} (${code}); the previous version is unchanged`,
      code,
    );
  }
  fsyncDir(dir);
}
