// `history/<sortable time>-<id>.json`: one file per finished call, so appending never rewrites
// older entries and a torn write can only ever cost the newest entries. Appends are queued and
// written in batches (history-writer.ts); readers see queued entries as if they were on disk.
// Pruned oldest first, once per written batch.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { CallEvent, JsonValue } from '../../../shared/calls/events.js';
import { capEvents, type MessageCounts } from './cap-events.js';
import {
  HISTORY_FORMAT_VERSION,
  HistoryEntrySchema,
  type HistoryEntry,
} from '../../../shared/workspace/history.js';
import type { RequestDocument } from '../../../shared/request/document.js';
import { historyEntryFromValue, type SourceList } from '../migrate/index.js';
import { removeFile } from '../store/fs-ops.js';
import { markRemoved } from '../store/own-writes.js';
import { parseJsonText, readText, toFileText, validate } from '../store/json-file.js';
import { WorkspaceError } from '../store/workspace-error.js';
import { redactSecrets } from '../variables/redact.js';
import { legacySchemaSources } from '../workspace-file.js';
import { HistoryWriter } from './history-writer.js';

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
  /** Resolved secret values (name → value) replaced by `[secret:NAME]` anywhere in the entry. */
  secrets?: ReadonlyMap<string, string>;
  at?: Date;
}

export interface HistoryListing {
  entries: HistoryEntry[];
  /** Files that could not be read (name and reason); they do not stop the listing. */
  errors: { file: string; error: string }[];
}

export class HistoryStore {
  private readonly dir: string;
  private readonly maxEntries: number;
  private readonly maxEvents: number;
  private readonly sources: SourceList;
  private readonly writer: HistoryWriter;
  /** Queued entries by file name, until their batch is on disk. */
  private readonly queued = new Map<string, HistoryEntry>();
  /**
   * Entry files on disk as far as this store knows, oldest first: listed on the first batch and
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
    this.writer = new HistoryWriter(this.dir, (names) => this.written(names));
  }

  /** A batch is on disk: pruned if it took the count past the limit, then listeners are told. */
  private written(names: readonly string[]): void {
    for (const name of names) this.queued.delete(name);
    if (this.onDisk === undefined || ++this.batchesSinceListing >= RELIST_BATCHES) {
      this.onDisk = this.files(); // the files now include this batch
      this.batchesSinceListing = 0;
    } else {
      this.onDisk.push(...names);
      this.onDisk.sort();
    }
    const excess = this.onDisk.length - this.maxEntries;
    // Removed in libuv's pool, not on the event loop: one unlink per entry written, at steady state.
    for (const file of this.onDisk.splice(0, Math.max(0, excess))) {
      const full = path.join(this.dir, file);
      markRemoved(full);
      const removed = unlink(full)
        .catch(() => undefined) // already pruned by another writer
        .finally(() => this.removing.delete(file));
      this.removing.set(file, removed);
    }
    this.onChange();
  }

  /** Resolves once every entry appended so far is on disk, and what that pruned is gone. */
  async flush(): Promise<void> {
    await this.writer.flush();
    await Promise.all(this.removing.values());
  }

  append(input: HistoryAppend): HistoryEntry {
    const at = input.at ?? new Date();
    const id = `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
    const { kept, ...dropped } = capEvents(input.events, this.maxEvents, input.messages);
    const raw = {
      version: HISTORY_FORMAT_VERSION,
      id,
      at: at.toISOString(),
      request: input.request,
      ...(input.requestPath !== undefined ? { requestPath: input.requestPath } : {}),
      ...(input.environment !== undefined ? { environment: input.environment } : {}),
      status: input.status,
      durationMs: input.durationMs,
      events: kept,
      ...dropped,
    };
    const redacted = input.secrets
      ? redactSecrets(raw as unknown as JsonValue, input.secrets)
      : raw;
    const entry = validate(HistoryEntrySchema, redacted, 'history entry');
    this.queued.set(`${id}.json`, entry);
    this.writer.add(`${id}.json`, toFileText(entry));
    return entry;
  }

  /** Entry file names, oldest first (names sort by time). */
  private files(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('.') && !this.removing.has(f))
        .sort();
    } catch {
      return [];
    }
  }

  /** Entries of format 1 are migrated as they are read (the file stays as it is). */
  private readEntry(file: string): HistoryEntry {
    const full = path.join(this.dir, file);
    return historyEntryFromValue(parseJsonText(readText(full), full), this.sources, full);
  }

  /**
   * Entry file names on disk and queued, oldest first, less the oldest that writing the queue
   * will prune: a listing shows what the folder will hold once the queue is on disk.
   */
  private names(): string[] {
    const queued = this.writer.pendingNames();
    const all = [...new Set([...this.files(), ...queued])].sort();
    const pruned = Math.min(queued.length, Math.max(0, all.length - this.maxEntries));
    return all.slice(pruned);
  }

  /** Newest first. */
  list(opts: { limit?: number; offset?: number } = {}): HistoryListing {
    const files = this.names().reverse();
    const offset = opts.offset ?? 0;
    const slice = files.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
    const out: HistoryListing = { entries: [], errors: [] };
    for (const file of slice) {
      try {
        out.entries.push(this.queued.get(file) ?? this.readEntry(file));
      } catch (error) {
        out.errors.push({ file, error: (error as Error).message });
      }
    }
    return out;
  }

  get(id: string): HistoryEntry {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new WorkspaceError(`"${id}" is not a history entry id`);
    try {
      return this.queued.get(`${id}.json`) ?? this.readEntry(`${id}.json`);
    } catch (error) {
      if (error instanceof WorkspaceError && error.errno === 'ENOENT')
        throw new WorkspaceError(`no history entry ${id}`, 'ENOENT');
      throw error;
    }
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

  /** Deletes the oldest entries beyond `maxEntries`; returns how many went. */
  prune(maxEntries: number): number {
    const files = this.files();
    const excess = files.length - maxEntries;
    this.onDisk = undefined;
    for (let i = 0; i < excess; i++) {
      try {
        removeFile(path.join(this.dir, files[i] ?? ''));
      } catch {
        // already pruned by another writer
      }
    }
    return Math.max(0, excess);
  }

  clear(): void {
    const queued = this.queued.size;
    this.writer.drop();
    this.queued.clear();
    if (this.prune(0) + queued > 0) this.onChange();
  }
}
