// Writes history entries in batches, off the call path. An append only queues the entry: its JSON
// line, or what makes it, made once on the next turn (a run has started its next call by then) or
// when someone reads it first. The queue is written BATCH_WINDOW_MS after its first entry (or at
// once when MAX_BATCH are queued); whatever is appended while a batch is being written goes in the
// next one, which also waits for its first entry's window, timed from that entry (timed only once
// the batch before was done, a batch held just the few calls of one write and fsync, and a run
// paid a batch's file work every few calls). A batch is ONE file (history-files.ts): written to a
// temp file, synced with one fdatasync, closed and renamed, all in libuv's pool
// (history-batch-file.ts), the folder synced once. So a crash leaves only whole batches; it loses
// the batch in flight and every entry appended since that batch started, which waits for the
// batch's write and sync to end: the last window when the disk is quick, but more than one window
// when an fsync takes seconds on a busy disk. A call costs no file of its own. A batch that cannot
// be written (full disk) is dropped: history is a convenience and must never fail a call. What is
// still queued when the process exits normally is written synchronously then.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';
import { markArrived, markWritten } from '../store/own-writes.js';
import {
  closeTemp,
  datasync,
  dropTemp,
  removePlaced,
  renameTemp,
  renameTempNow,
  syncDir,
  writeTemp,
  type TempFile,
} from './history-batch-file.js';
import { batchFileName } from './history-files.js';

/**
 * How long the first entry of a batch waits for others; longer if the batch before is still being
 * written (a crash loses what waits, so more than this on a slow disk: see above).
 */
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

/**
 * At most this many characters of entries in one batch file: joined into one string, a batch of a
 * few huge stream entries could pass V8's string limit and fail to write at all.
 */
const MAX_BATCH_CHARS = 64 << 20;

/** The oldest entries whose lines fit in `maxChars` together (always at least one). */
function takeBatch(
  entries: Iterable<readonly [string, string]>,
  maxChars: number,
): [string, string][] {
  const batch: [string, string][] = [];
  let chars = 0;
  for (const [id, line] of entries) {
    if (batch.length > 0 && chars + line.length + 1 > maxChars) break;
    batch.push([id, line]);
    chars += line.length + 1;
  }
  return batch;
}

/** The file of a batch and its text: the entries' lines in append order. */
function batchOf(entries: readonly (readonly [string, string])[]): { name: string; text: string } {
  const first = entries[0]?.[0] ?? 'empty';
  return {
    name: batchFileName(first, entries.length),
    text: `${entries.map(([, line]) => line).join('\n')}\n`,
  };
}

/** An entry's JSON line, or what makes it (once) when it is needed. */
export type HistoryLine = string | (() => string);

export class HistoryWriter {
  /** Entry id → its JSON line, in append order: queued or in a batch being written. */
  private readonly unwritten = new Map<string, HistoryLine>();
  /** Ids in the batch being written. */
  private readonly inBatch = new Set<string>();
  private running: Promise<void> | undefined;
  private scheduled = false;
  /** Ids whose lines are still to make, on the next turn (makeLines). */
  private unmade: string[] = [];
  /**
   * Whether the folder was made (or found) for a batch already: made once, not per batch (a mkdir
   * on the event loop waited up to 20 ms on a busy disk's journal), and again when a batch could
   * not be written without it (the folder may have been removed).
   */
  private dirReady = false;
  /** The batch being renamed in the pool: flushSync finishes it itself (finishRename). */
  private renaming: Renaming | undefined;

  constructor(
    private readonly dir: string,
    /** Told which file a batch went to and its entries' ids (in order), after the folder was synced. */
    private readonly onWritten: (file: string, ids: string[]) => void,
    private readonly maxBatchChars = MAX_BATCH_CHARS,
  ) {}

  add(id: string, line: HistoryLine): void {
    this.unwritten.set(id, line);
    if (typeof line === 'function' && this.unmade.push(id) === 1) setImmediate(this.makeLines);
    unfinished.add(this);
    hookExit();
    if (this.unwritten.size >= MAX_BATCH) void this.kick();
    // Timed from this entry even while a batch is being written: when that batch is done, the next
    // one starts only once this window is over (kick, below), or at once if it already is.
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.kick();
    }, BATCH_WINDOW_MS);
  }

  /**
   * The JSON line of an entry not yet on disk, made now if it was not yet; undefined when there is
   * none (written, dropped, or its line could not be made: history never fails a call).
   */
  line(id: string): string | undefined {
    const line = this.unwritten.get(id);
    if (line === undefined || typeof line === 'string') return line;
    try {
      const made = line();
      this.unwritten.set(id, made);
      return made;
    } catch {
      this.unwritten.delete(id);
      return undefined;
    }
  }

  /**
   * The lines appended since the last turn, made now: on the turn after their calls ended, so a
   * run's next call has gone out first (its frames are written before a turn's immediates run),
   * and what makes a line (a call's events and documents) is let go of young instead of being
   * kept alive, and promoted by the garbage collector, until its batch is written.
   */
  private readonly makeLines = (): void => {
    const ids = this.unmade;
    this.unmade = [];
    for (const id of ids) this.line(id);
  };

  /** The entries (id and line) of these ids whose lines could be made, in order. */
  private linesOf(ids: readonly string[]): [string, string][] {
    const entries: [string, string][] = [];
    for (const id of ids) {
      const line = this.line(id);
      if (line !== undefined) entries.push([id, line]);
    }
    return entries;
  }

  /**
   * The batch file being renamed into place, not yet told: it may be on disk already while its
   * entries are still pending (the rename's answer comes on a later turn), so listings leave it
   * out and show its entries from the queue.
   */
  fileInFlight(): string | undefined {
    return this.renaming?.name;
  }

  /** Ids of the entries not yet on disk, oldest first. */
  pendingIds(): string[] {
    return [...this.unwritten.keys()];
  }

  /** How many entries are not yet on disk. */
  pendingCount(): number {
    return this.unwritten.size;
  }

  /**
   * Forgets the oldest entry still queued (not in the batch being written); its id, or undefined
   * when there is none.
   */
  dropOldest(): string | undefined {
    for (const id of this.unwritten.keys()) {
      if (this.inBatch.has(id)) continue;
      this.unwritten.delete(id);
      return id;
    }
    return undefined;
  }

  /** Resolves once every entry added before it is on disk (or dropped after a write error). */
  async flush(): Promise<void> {
    while (this.unwritten.size > 0 || this.running) await this.kick();
  }

  /** Writes everything not yet on disk now, as one batch (process exit). */
  flushSync(): void {
    // A batch whose rename is under way in the pool may land or not before the process is gone:
    // renamed here and now, so its entries are on disk once, not twice (nor never).
    const renaming = this.renaming;
    this.renaming = undefined;
    if (renaming) this.finishRename(renaming);
    let rest = this.linesOf([...this.unwritten.keys()].filter((id) => !renaming?.ids.includes(id)));
    // The batch in flight, if any, sees its ids gone and removes its temp file.
    this.unwritten.clear();
    unfinished.delete(this);
    while (rest.length > 0) {
      const entries = takeBatch(rest, this.maxBatchChars);
      rest = rest.slice(entries.length);
      let name: string;
      try {
        const batch = batchOf(entries);
        name = batch.name;
        this.ensureDir();
        writeFileAtomic(path.join(this.dir, name), batch.text, { mode: 0o600 });
      } catch {
        return; // A full disk: the entries are lost, as they would have been on the call path.
      }
      this.onWritten(
        name,
        entries.map(([id]) => id),
      );
    }
  }

  /** Forgets every entry not yet on disk (history cleared); a batch in flight removes its file. */
  drop(): void {
    this.unwritten.clear();
    unfinished.delete(this);
  }

  private kick(): Promise<void> {
    if (!this.running) {
      this.running = this.writeBatch().finally(() => {
        this.running = undefined;
        if (this.unwritten.size === 0) unfinished.delete(this);
        // No window pending: the queue's first entry's window ended during this write.
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
    const entries = takeBatch(
      this.linesOf([...this.unwritten.keys()].filter((id) => !this.inBatch.has(id))),
      this.maxBatchChars,
    );
    if (entries.length === 0) return;
    const ids = entries.map(([id]) => id);
    for (const id of ids) this.inBatch.add(id);
    let written = false;
    let name = '';
    try {
      // Inside the try: whatever fails, the finally below lets go of this batch's ids.
      const batch = batchOf(entries);
      name = batch.name;
      const text = batch.text;
      const madeDir = !this.dirReady;
      if (madeDir) this.ensureDir();
      this.dirReady = true;
      let temp = await writeTemp(this.dir, name, text);
      if (temp === undefined && !madeDir) {
        // The folder may have been removed since it was made (history cleared by hand).
        this.ensureDir();
        temp = await writeTemp(this.dir, name, text);
      }
      if (temp === undefined) this.dirReady = false;
      const synced = temp !== undefined && (await datasync(temp.fd));
      if (temp !== undefined) {
        // Written by flushSync meanwhile, or cleared: this copy is not needed.
        if (!synced || !this.pending(ids)) dropTemp(temp);
        else written = await this.rename(temp, name, ids);
      }
      // On disk now: no longer pending, or a listing would show these entries twice.
      if (written) for (const id of ids) this.unwritten.delete(id);
      if (written) await syncDir(this.dir);
    } catch {
      // The folder could not be made: the batch is dropped.
    } finally {
      for (const id of ids) {
        this.inBatch.delete(id);
        this.unwritten.delete(id);
      }
    }
    if (written) this.onWritten(name, ids);
  }
  /** Whether every one of these entries is still waiting for this batch (not cleared nor written). */
  private pending(ids: readonly string[]): boolean {
    return ids.every((id) => this.unwritten.has(id));
  }

  /**
   * The synced temp file closed and renamed to its batch's name, in libuv's pool (a rename waits
   * on the file system's journal as a create does: milliseconds on a busy disk); false if that
   * failed, if the entries were cleared meanwhile (the renamed file is then removed again), or if
   * flushSync finished the rename itself.
   */
  private async rename(temp: TempFile, name: string, ids: readonly string[]): Promise<boolean> {
    const file = path.join(this.dir, name);
    const stats = await closeTemp(temp);
    if (stats === undefined) return false;
    // Cleared, or written by flushSync, while it was being closed.
    if (!this.pending(ids)) {
      dropTemp({ path: temp.path });
      return false;
    }
    // The rename keeps inode, size and mtime: marked now, the file is never seen unmarked.
    markWritten(file, stats);
    const renaming: Renaming = { temp: temp.path, file, name, ids };
    this.renaming = renaming;
    if (!(await renameTemp(temp.path, file))) {
      if (this.renaming !== renaming) return false; // flushSync renamed it
      this.renaming = undefined;
      dropTemp({ path: temp.path });
      return false;
    }
    if (this.renaming !== renaming) return false; // flushSync took it: written and told
    // The file is listed from now on: its entries stop being pending in the same step, or a
    // listing between the two would show them twice (from the file and from the queue).
    if (this.pending(ids)) {
      for (const id of ids) this.unwritten.delete(id);
      this.renaming = undefined;
      return true;
    }
    this.renaming = undefined;
    removePlaced(file);
    return false;
  }

  /**
   * A batch's rename done now, whether or not the pool did it already, and told as written; or,
   * when its entries were cleared meanwhile, its file removed wherever it is and nothing told (the
   * exit must not bring back what the user deleted).
   */
  private finishRename({ temp, file, name, ids }: Renaming): void {
    if (!this.pending(ids)) {
      dropTemp({ path: temp });
      removePlaced(file); // if the pool renamed it already, as the pool's continuation would have
      return;
    }
    const placed = renameTempNow(temp, file);
    for (const id of ids) this.unwritten.delete(id);
    if (placed) this.onWritten(name, [...ids]);
  }
}

interface Renaming {
  temp: string;
  file: string;
  name: string;
  ids: readonly string[];
}
