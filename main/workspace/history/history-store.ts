// `history/`: the finished calls, in files of a batch each (history-files.ts), so appending never
// rewrites older entries and a crash can only ever cost the newest entries. Appends are queued and
// written in batches (history-writer.ts); readers see queued entries as if they were on disk, and
// validate what they read from disk (the boundary), never what the engine built itself. Pruned
// oldest first, a whole file at a time, once per written batch; listings show the newest
// `maxEntries` only, so a partly pruned oldest batch is not seen.
import { randomFillSync } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CallEvent, JsonValue } from '../../../shared/calls/events.js';
import { capEvents, type MessageCounts } from './cap-events.js';
import { HISTORY_FORMAT_VERSION, type HistoryEntry } from '../../../shared/workspace/history.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import type { SourceList } from '../migrate/index.js';
import { removeFile } from '../store/fs-ops.js';
import { markRemoved } from '../store/own-writes.js';
import { WorkspaceError } from '../store/workspace-error.js';
import { madeOnce } from '../../../shared/json/frozen-json.js';
import { legacySchemaSources } from '../workspace-file.js';
import { historyFileOf, isHistoryFile, readHistoryFile } from './history-files.js';
import { HistoryWriter, type HistoryLine } from './history-writer.js';

export const HISTORY_DIR = 'history';

/** Written batches between two listings of the folder for pruning. */
const RELIST_BATCHES = 16;

export interface HistoryLimits {
  /** Entries kept; the oldest go first. Default 500. */
  maxEntries?: number;
  /** Events kept per entry: the first ones and the final ones. Default 1000. */
  maxEvents?: number;
}

export interface HistoryAppend {
  /** The request as saved/edited: a template, not the substituted request. */
  request: RequestDocument;
  requestPath?: string;
  environment?: string;
  status: { code: number; message: string };
  durationMs: number;
  events: readonly CallEvent[];
  /**
   * The messages of the whole call, when `events` may not hold all of them (a long call's engine
   * log keeps a window): the messages in the missing seqs are counted from these.
   */
  messages?: MessageCounts;
  at?: Date;
}

export interface HistoryListing {
  entries: HistoryEntry[];
  /** Files that could not be read (name and reason); they do not stop the listing. */
  errors: { file: string; error: string }[];
}

/**
 * The JSON text of each deeply frozen request (a saved one, shared while its file is unchanged:
 * frozen-json.ts) as history entries hold it: a run appends the same saved requests run after
 * run, each entry holding its request.
 */
const requestTexts = new WeakMap<object, string>();

const requestText = (request: RequestDocument): string =>
  madeOnce(requestTexts, request, JSON.stringify);

/** Stores with calls ended and not yet appended: appended when the process exits, and written. */
const withEnded = new Set<HistoryStore>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const store of withEnded) store.flushSync();
  });
}

/** A file on disk (its entries counted from its name) or one queued entry, in time order. */
interface Slot {
  key: string;
  count: number;
  file?: string;
  /** A queued entry's line. */
  queued?: string;
}

/**
 * Random bytes for entry ids, filled a pool at a time: `randomBytes(4)` per entry cost a call
 * ~6 µs (a synchronous crypto job each), a run's history a share of its every request.
 */
const idBytes = { pool: Buffer.alloc(4096), at: 4096 };

/** Each byte's two hex digits: four lookups, not a native call, per id. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The random part of an entry id: 8 hex digits. */
function randomIdPart(): string {
  if (idBytes.at + 4 > idBytes.pool.length) {
    randomFillSync(idBytes.pool);
    idBytes.at = 0;
  }
  const { pool, at } = idBytes;
  idBytes.at += 4;
  return `${HEX[pool[at] as number]}${HEX[pool[at + 1] as number]}${HEX[pool[at + 2] as number]}${HEX[pool[at + 3] as number]}`;
}

/** A new entry's id (`<time>-<random>`) and its time. */
function newEntry(when: Date): Pick<HistoryEntry, 'id' | 'at'> {
  const at = when.toISOString();
  return { id: `${at.replace(/[:.]/g, '-')}-${randomIdPart()}`, at };
}

/** The sortable time part of an entry id (`<time>-<random>`). */
const timeOfId = (id: string): string => id.slice(0, Math.max(0, id.lastIndexOf('-')));

export class HistoryStore {
  private readonly dir: string;
  private readonly maxEntries: number;
  private readonly maxEvents: number;
  private readonly sources: SourceList;
  private readonly writer: HistoryWriter;
  /** Which file holds an entry this store wrote or read (files never change once written). */
  private readonly fileOfId = new Map<string, string>();
  /** The ids of fileOfId by file: a pruned file forgets its own, not a scan of every id. */
  private readonly idsOfFile = new Map<string, readonly string[]>();
  /**
   * History files on disk as far as this store knows, oldest first: listed on the first batch and
   * again every RELIST_BATCHES (another process may write here too), kept up to date in between.
   */
  private onDisk: string[] | undefined;
  private batchesSinceListing = 0;
  /** Pruned files being removed: no longer listed. */
  private readonly removing = new Map<string, Promise<void>>();

  constructor(
    root: string,
    limits: HistoryLimits = {},
    /** Called after entries were added or removed. */
    private readonly onChange: () => void = () => {},
  ) {
    this.dir = path.join(root, HISTORY_DIR);
    this.maxEntries = limits.maxEntries ?? 500;
    this.maxEvents = limits.maxEvents ?? 1000;
    this.sources = legacySchemaSources(root);
    this.writer = new HistoryWriter(this.dir, (file, ids) => this.written(file, ids));
  }

  /** A batch is on disk: whole files pruned if it took the count past the limit, then listeners are told. */
  private written(file: string, ids: readonly string[]): void {
    this.remember(file, ids);
    if (this.onDisk === undefined || ++this.batchesSinceListing >= RELIST_BATCHES) {
      this.onDisk = this.files(); // the files now include this batch
      this.batchesSinceListing = 0;
    } else {
      this.onDisk.push(file);
      this.onDisk.sort();
    }
    // Removed in libuv's pool, not on the event loop: a file per batch written, at steady state.
    for (const old of this.onDisk.splice(0, this.excessFiles(this.onDisk, this.maxEntries))) {
      const full = path.join(this.dir, old);
      markRemoved(full);
      this.forget(old);
      const removed = unlink(full)
        .catch(() => undefined) // already pruned by another writer
        .finally(() => this.removing.delete(old));
      this.removing.set(old, removed);
    }
    this.onChange();
  }

  /** How many of the oldest files can go with `keep` entries still on disk after them. */
  private excessFiles(files: readonly string[], keep: number): number {
    let total = files.reduce((n, f) => n + countOf(f), 0);
    let excess = 0;
    for (const f of files) {
      if (total - countOf(f) < keep) break;
      total -= countOf(f);
      excess++;
    }
    return excess;
  }

  /** These are the entries of this file (all of them: a file never changes once written). */
  private remember(file: string, ids: readonly string[]): void {
    for (const id of ids) this.fileOfId.set(id, file);
    this.idsOfFile.set(file, ids);
  }

  private forget(file: string): void {
    for (const id of this.idsOfFile.get(file) ?? [])
      if (this.fileOfId.get(id) === file) this.fileOfId.delete(id);
    this.idsOfFile.delete(file);
  }

  /**
   * Calls ended, not yet appended (appendEnded): their time, and what makes their entry. Appended
   * on the turn after, when a run has begun its next call, or before anything reads the history,
   * flushes it or clears it.
   */
  private ended: { at: Date; make: () => HistoryAppend }[] = [];

  /**
   * A call's entry, appended as `append` does on the turn after (or before the history is read,
   * flushed or cleared): its time is the call's end, now. What makes it (its status, its secrets,
   * its masked template) waits too: an engine observer hears the end with the next call waiting.
   */
  appendEnded(make: () => HistoryAppend): void {
    if (this.ended.push({ at: new Date(), make }) === 1) setImmediate(this.appendNow);
    withEnded.add(this);
    hookExit();
  }

  /** The ended calls appended now, in the order they ended. */
  private readonly appendNow = (): void => {
    const ended = this.ended;
    if (ended.length === 0) return;
    this.ended = [];
    withEnded.delete(this);
    for (const { at, make } of ended) {
      try {
        this.appendMade(make(), at);
      } catch {
        // History is a convenience: an entry that cannot be made is left out.
      }
    }
  };

  /** Every entry so far written now, on the event loop (the process is exiting). */
  flushSync(): void {
    this.appendNow();
    this.writer.flushSync();
  }

  /** Resolves once every entry appended so far is on disk, and what that pruned is gone. */
  async flush(): Promise<void> {
    this.appendNow();
    await this.writer.flush();
    await Promise.all(this.removing.values());
  }

  /**
   * Queues the call's entry: its id and time now, the entry itself made on the next turn
   * (or when someone reads it first), off the call path. Built from the engine's own values (the
   * types hold it), so it is not validated again: it is serialised once, as its batch file's line.
   * A reader sees a queued entry exactly as the file will hold it (no undefined-valued fields).
   */
  append(input: HistoryAppend, when = input.at ?? new Date()): Pick<HistoryEntry, 'id' | 'at'> {
    const { id, at } = newEntry(when);
    this.queue(id, () => this.lineOf(input, id, at));
    return { id, at };
  }

  /**
   * An ended call's entry (appendNow), its line made now: this is the turn after the call's end
   * already (the run's next call has gone out), so waiting one more turn to make it only cost a
   * closure, a second immediate and a second write of the queue's slot per entry.
   */
  private appendMade(input: HistoryAppend, when: Date): void {
    const { id, at } = newEntry(when);
    this.queue(id, this.lineOf(input, id, at));
  }

  private queue(id: string, line: HistoryLine): void {
    this.writer.add(id, line);
    // More queued than the limit keeps: the oldest would be pruned as soon as written.
    while (this.writer.pendingCount() > this.maxEntries) {
      if (this.writer.dropOldest() === undefined) break;
    }
  }

  /** The entry's line: its events capped, serialised once. */
  private lineOf(input: HistoryAppend, id: string, at: string): string {
    const { kept, ...dropped } = capEvents(input.events, this.maxEvents, input.messages);
    // Masked before it comes here (masked-append.ts): the store writes what it is given.
    const { request } = input;
    // Not validated nor copied: built from the engine's own values, serialised once below.
    const rest: Omit<HistoryEntry, 'version' | 'id' | 'at' | 'request'> = {
      ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
      status: {
        code: input.status.code,
        message: input.status.message,
      },
      durationMs: input.durationMs,
      events: kept as unknown as JsonValue[],
      ...dropped,
    };
    // The entry's JSON text, its request's made once for a frozen one (requestText). Spliced by
    // hand: `rest` is never empty (status, durationMs and events are always there).
    const head = JSON.stringify({ version: HISTORY_FORMAT_VERSION, id, at });
    return `${head.slice(0, -1)},"request":${requestText(request)},${JSON.stringify(rest).slice(1)}`;
  }

  /** History file names on disk, oldest first (names sort by time). */
  private files(): string[] {
    const inFlight = this.writer.fileInFlight();
    try {
      return readdirSync(this.dir)
        .filter((f) => isHistoryFile(f) && !this.removing.has(f) && f !== inFlight)
        .sort();
    } catch {
      return [];
    }
  }

  /**
   * The files on disk and the queued entries, newest first, less the oldest beyond `maxEntries`
   * entries (what pruning leaves of a batch, and what writing the queue will prune).
   */
  private slots(): Slot[] {
    this.appendNow();
    const slots: Slot[] = this.files().map((file) => ({
      key: file,
      count: countOf(file),
      file,
    }));
    for (const id of this.writer.pendingIds()) {
      const queued = this.writer.line(id);
      if (queued) slots.push({ key: `${id}.json`, count: 1, queued });
    }
    slots.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    return slots;
  }

  /** Newest first. */
  list(opts: { limit?: number; offset?: number } = {}): HistoryListing {
    const out: HistoryListing = { entries: [], errors: [] };
    const offset = opts.offset ?? 0;
    const end = Math.min(
      this.maxEntries,
      opts.limit === undefined ? Infinity : offset + opts.limit,
    );
    let seen = 0; // entries before this slot, newest first
    for (const slot of this.slots()) {
      if (seen >= end) break;
      if (seen + slot.count <= offset) {
        seen += slot.count; // wholly before the page: not read
        continue;
      }
      let entries: HistoryEntry[];
      if (slot.queued !== undefined) entries = [JSON.parse(slot.queued) as HistoryEntry];
      else {
        try {
          const read = readHistoryFile(this.dir, slot.file as string, this.sources);
          this.remember(
            slot.file as string,
            read.entries.map((e) => e.id),
          );
          for (const error of read.errors) out.errors.push({ file: slot.file as string, error });
          entries = read.entries.reverse();
        } catch (error) {
          out.errors.push({ file: slot.file as string, error: (error as Error).message });
          continue;
        }
      }
      for (const entry of entries) {
        if (seen >= offset && seen < end) out.entries.push(entry);
        seen++;
      }
    }
    return out;
  }

  get(id: string): HistoryEntry {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new WorkspaceError(`"${id}" is not a history entry id`);
    this.appendNow();
    const queued = this.writer.line(id);
    if (queued !== undefined) return JSON.parse(queued) as HistoryEntry;
    const known = this.fileOfId.get(id);
    // A file whose first entry is not newer than this one may hold it, newest first. By time only:
    // entries of the same millisecond differ in a random part that says nothing of their order.
    const candidates = known
      ? [known]
      : this.files()
          .filter((f) => timeOfId(historyFileOf(f)?.firstId ?? '') <= timeOfId(id))
          .reverse();
    for (const file of candidates) {
      let read;
      try {
        read = readHistoryFile(this.dir, file, this.sources);
      } catch (error) {
        if (file === `${id}.json`) throw error;
        continue;
      }
      const found = read.entries.find((e) => e.id === id);
      if (found) return found;
    }
    throw new WorkspaceError(`no history entry ${id}`, 'ENOENT');
  }

  /** Case-insensitive text search over method, name, address, body, metadata, status and path. Newest first. */
  search(query: string, limit = 100): HistoryEntry[] {
    const needle = query.toLowerCase();
    const found: HistoryEntry[] = [];
    for (const entry of this.list().entries) {
      const hay = [
        entry.request.name,
        entry.request.method,
        entry.request.connection.address,
        entry.requestPath ?? '',
        entry.environment ?? '',
        entry.status.message,
        JSON.stringify(entry.request.messages),
        JSON.stringify(entry.request.metadata),
      ]
        .join('\n')
        .toLowerCase();
      if (hay.includes(needle)) found.push(entry);
      if (found.length >= limit) break;
    }
    return found;
  }

  /**
   * Deletes the oldest files while `maxEntries` entries stay on disk after them (0: every one);
   * returns how many entries went.
   */
  prune(maxEntries: number): number {
    this.appendNow();
    const files = this.files();
    this.onDisk = undefined;
    let removed = 0;
    for (const file of files.slice(0, this.excessFiles(files, maxEntries))) {
      try {
        removeFile(path.join(this.dir, file));
        this.forget(file);
        removed += countOf(file);
      } catch {
        // already pruned by another writer
      }
    }
    return removed;
  }

  clear(): void {
    this.appendNow();
    const queued = this.writer.pendingCount();
    this.writer.drop();
    if (this.prune(0) + queued > 0) this.onChange();
  }
}

function countOf(file: string): number {
  return historyFileOf(file)?.count ?? 1;
}
