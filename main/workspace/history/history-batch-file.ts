// The file work of one history batch, done in libuv's pool rather than on the event loop: the
// batch written to a temp file beside its final name, synced (fdatasync), closed and renamed into
// place, then the folder synced. Creating, syncing or renaming a file waits on the file system's
// journal while another file syncs: milliseconds on a busy disk that the event loop, carrying
// calls, must not block for. What to do when (cleared entries, the exit taking a rename over) is
// the writer's decision (history-writer.ts); these functions only do the file work and say
// whether it worked.
import { randomBytes } from 'node:crypto';
import {
  close,
  closeSync,
  existsSync,
  fdatasync,
  fstat,
  open as openFile,
  rename,
  renameSync,
  unlinkSync,
  writeFile,
  type BigIntStats,
} from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_PREFIX } from '../store/atomic-write.js';
import { markRemoved } from '../store/own-writes.js';

/** A batch's temp file, open. */
export interface TempFile {
  path: string;
  fd: number;
}

/** The batch in a temp file beside its final name, open; undefined if it could not be written. */
export async function writeTemp(
  dir: string,
  name: string,
  text: string,
): Promise<TempFile | undefined> {
  const temp = path.join(dir, `${TEMP_PREFIX}${name}.${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = await promised<number>((done) => openFile(temp, 'wx', 0o600, done));
    const opened = fd;
    await promised((done) => writeFile(opened, text, 'utf8', done));
    return { path: temp, fd };
  } catch {
    dropTemp(fd === undefined ? { path: temp } : { path: temp, fd });
    return undefined;
  }
}

/** Whether the temp file's data reached the disk (one fdatasync). */
export function datasync(fd: number | undefined): Promise<boolean> {
  return new Promise((resolve) =>
    fd === undefined ? resolve(false) : fdatasync(fd, (error) => resolve(error === null)),
  );
}

/**
 * The synced temp file's stats (a rename keeps inode, size and mtime: what the own-writes marks
 * need), then the file closed; undefined, with the temp file removed, if either failed.
 */
export async function closeTemp(temp: TempFile): Promise<BigIntStats | undefined> {
  let stats: BigIntStats;
  try {
    stats = await promised<BigIntStats>((done) => fstat(temp.fd, { bigint: true }, done));
  } catch {
    dropTemp(temp);
    return undefined;
  }
  try {
    await promised((done) => close(temp.fd, done));
  } catch {
    dropTemp({ path: temp.path });
    return undefined;
  }
  return stats;
}

/** The closed temp file renamed to its batch's file, in the pool; whether that worked. */
export async function renameTemp(temp: string, file: string): Promise<boolean> {
  try {
    await promised((done) => rename(temp, file, done));
    return true;
  } catch {
    return false;
  }
}

/**
 * The rename done now, on the event loop (the process is exiting), whether or not the pool did it
 * already; whether the batch's file is in place.
 */
export function renameTempNow(temp: string, file: string): boolean {
  try {
    renameSync(temp, file);
  } catch {
    // Renamed by the pool already (or the temp file is gone: then so are its entries).
  }
  return existsSync(file);
}

/** Syncs the folder, so the renames in it survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  }
}

/** Closes (if open) and removes a temp or batch file, whatever state it is in. */
export function dropTemp(temp: { path: string; fd?: number }): void {
  try {
    if (temp.fd !== undefined) closeSync(temp.fd);
  } catch {
    // closed already
  }
  try {
    unlinkSync(temp.path);
  } catch {
    // never made
  }
}

/** A batch's file removed again (its entries were cleared); marked first, as this process's own. */
export function removePlaced(file: string): void {
  markRemoved(file);
  dropTemp({ path: file });
}

/** A node:fs callback call as a promise. */
function promised<T = void>(
  call: (done: (error: Error | null, value?: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    call((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}
