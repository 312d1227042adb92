// `history/<sortable time>-<id>.json`: one file per finished call, so appending never rewrites
// older entries and a torn write can only ever cost the newest entry. Pruned oldest first.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
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
import { writeFileAtomic } from '../store/atomic-write.js';
import { removeFile } from '../store/fs-ops.js';
import { markArrived } from '../store/own-writes.js';
import { parseJsonText, readText, toFileText, validate } from '../store/json-file.js';
import { WorkspaceError } from '../store/workspace-error.js';
import { redactSecrets } from '../variables/redact.js';
import { legacySchemaSources } from '../workspace-file.js';

export const HISTORY_DIR = 'history';

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
    // 0600 in a 0700 folder: an entry holds what was said on a call; only its user reads it.
    const created = mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) markArrived(created);
    writeFileAtomic(path.join(this.dir, `${id}.json`), toFileText(entry), { mode: 0o600 });
    this.prune(this.maxEntries);
    this.onChange();
    return entry;
  }

  /** Entry file names, oldest first (names sort by time). */
  private files(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
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

  /** Newest first. */
  list(opts: { limit?: number; offset?: number } = {}): HistoryListing {
    const files = this.files().reverse();
    const offset = opts.offset ?? 0;
    const slice = files.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
    const out: HistoryListing = { entries: [], errors: [] };
    for (const file of slice) {
      try {
        out.entries.push(this.readEntry(file));
      } catch (error) {
        out.errors.push({ file, error: (error as Error).message });
      }
    }
    return out;
  }

  get(id: string): HistoryEntry {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new WorkspaceError(`"${id}" is not a history entry id`);
    try {
      return this.readEntry(`${id}.json`);
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
    if (this.prune(0) > 0) this.onChange();
  }
}
