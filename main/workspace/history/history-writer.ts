// Writes history entry files in batches, off the call path. An append only queues the entry; the
// queue is written BATCH_WINDOW_MS after its first entry (or at once when MAX_BATCH are queued),
// and whatever is appended while a batch is being written goes in the next one. Each entry is
// still its own file: written to a temp file, synced, renamed, so a crash leaves only whole
// entries and loses at most the last window and the batch in flight. The writes go to the page
// cache on the event loop; the batch's files are then synced together in libuv's pool (no disk
// wait on the event loop, one wake-up per file), the folder once per batch. A batch that cannot be
// written (full disk) is dropped: history is a convenience and must never fail a call. What is
// still queued when the process exits normally is written synchronously then.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  fstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, TEMP_PREFIX } from '../store/atomic-write.js';
import { markArrived, markWritten } from '../store/own-writes.js';

/** How long the first entry of a batch waits for others: what a crash can lose, at most. */
const BATCH_WINDOW_MS = 50;
/** Queued entries that start a batch without waiting for the window. */
const MAX_BATCH = 256;

/** Writers with entries not yet on disk; written synchronously when the process exits. */
const unfinished = new Set<HistoryWriter>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const writer of unfinished) writer.flushSync();
  });
}

async function syncDir(dir: string): Promise<void> {
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

export class HistoryWriter {
  /** File name → its text, in append order: queued or in a batch being written. */
  private readonly unwritten = new Map<string, string>();
  /** Names in the batch being written. */
  private readonly inBatch = new Set<string>();
  private running: Promise<void> | undefined;
  private scheduled = false;

  constructor(
    private readonly dir: string,
    /** Told which files a batch put on disk (in order), after the folder was synced. */
    private readonly onWritten: (names: string[]) => void,
  ) {}

  add(name: string, text: string): void {
    this.unwritten.set(name, text);
    unfinished.add(this);
    hookExit();
    if (this.unwritten.size >= MAX_BATCH) void this.kick();
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.kick();
    }, BATCH_WINDOW_MS);
  }

  /** Names not yet on disk, oldest first. */
  pendingNames(): string[] {
    return [...this.unwritten.keys()];
  }

  /** Resolves once every entry added before it is on disk (or dropped after a write error). */
  async flush(): Promise<void> {
    while (this.unwritten.size > 0 || this.running) await this.kick();
  }

  /** Writes everything not yet on disk now, one file at a time (process exit, clearing). */
  flushSync(): void {
    const names: string[] = [];
    this.ensureDir();
    for (const [name, text] of this.unwritten) {
      try {
        writeFileAtomic(path.join(this.dir, name), text, { mode: 0o600 });
        names.push(name);
      } catch {
        // A full disk: the entry is lost, as it would have been on the call path.
      }
    }
    // The batch in flight, if any, sees its names gone and removes its temp files.
    this.unwritten.clear();
    unfinished.delete(this);
    if (names.length > 0) this.onWritten(names);
  }

  /** Forgets every entry not yet on disk (history cleared); a batch in flight removes its files. */
  drop(): void {
    this.unwritten.clear();
    unfinished.delete(this);
  }

  private kick(): Promise<void> {
    if (!this.running) {
      this.running = this.writeBatch().finally(() => {
        this.running = undefined;
        if (this.unwritten.size === 0) unfinished.delete(this);
        else if (!this.scheduled) void this.kick();
      });
    }
    return this.running;
  }

  private ensureDir(): void {
    // 0600 files in a 0700 folder: an entry holds what was said on a call; only its user reads it.
    const created = mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) markArrived(created);
  }

  private async writeBatch(): Promise<void> {
    const batch = [...this.unwritten].filter(([name]) => !this.inBatch.has(name));
    if (batch.length === 0) return;
    for (const [name] of batch) this.inBatch.add(name);
    const written: string[] = [];
    try {
      this.ensureDir();
      // Into the page cache on the event loop (cheap, no disk wait), then synced all at once in
      // libuv's pool: one wake-up per file for the sync, none for opening, writing or closing.
      const temps = batch.map(([name, text]) => this.writeTemp(name, text));
      const synced = await Promise.all(temps.map((t) => datasync(t?.fd)));
      for (const [i, [name]] of batch.entries()) {
        const temp = temps[i];
        if (temp === undefined) continue;
        if (synced[i] !== true || !this.unwritten.has(name)) {
          // Not synced, or written by flushSync meanwhile (or cleared): this copy is not needed.
          dropTemp(temp);
          continue;
        }
        if (this.rename(temp, name)) written.push(name);
      }
      if (written.length > 0) await syncDir(this.dir);
    } catch {
      // The folder could not be made: the batch is dropped.
    } finally {
      for (const [name] of batch) {
        this.inBatch.delete(name);
        this.unwritten.delete(name);
      }
    }
    if (written.length > 0) this.onWritten(written);
  }

  /** The synced temp file closed and renamed to its entry's name; false if that failed. */
  private rename(temp: TempFile, name: string): boolean {
    const file = path.join(this.dir, name);
    try {
      // The rename keeps inode, size and mtime: marked now, the file is never seen unmarked.
      markWritten(file, fstatSync(temp.fd, { bigint: true }));
    } catch {
      dropTemp(temp);
      return false;
    }
    try {
      closeSync(temp.fd);
      renameSync(temp.path, file);
      return true;
    } catch {
      dropTemp({ path: temp.path });
      return false;
    }
  }

  /** The entry in a temp file beside its final name, open; undefined if it could not be written. */
  private writeTemp(name: string, text: string): TempFile | undefined {
    const temp = path.join(this.dir, `${TEMP_PREFIX}${name}.${randomBytes(4).toString('hex')}`);
    let fd: number | undefined;
    try {
      fd = openSync(temp, 'wx', 0o600);
      writeFileSync(fd, text, 'utf8');
      return { path: temp, fd };
    } catch {
      dropTemp(fd === undefined ? { path: temp } : { path: temp, fd });
      return undefined;
    }
  }
}

interface TempFile {
  path: string;
  fd: number;
}

function datasync(fd: number | undefined): Promise<boolean> {
  return new Promise((resolve) =>
    fd === undefined ? resolve(false) : fdatasync(fd, (error) => resolve(error === null)),
  );
}

function dropTemp(temp: { path: string; fd?: number }): void {
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
