// The files of the history folder. A batch of entries is one file, `<first id>_<count>.jsonl`:
// one entry a line, in the order they were appended (so one create, one write and one fdatasync
// per batch, not per call — creating and syncing a file per call cost a runner milliseconds per
// request on a busy disk). Entries written before batches are one file each, `<id>.json`, and are
// still read. Entry ids are `<sortable time>-<random>`, so file names sort oldest first.
import path from 'node:path';
import type { HistoryEntry } from '../../../shared/workspace/history.js';
import { historyEntryFromValue, type SourceList } from '../migrate/index.js';
import { parseJsonText, readText } from '../store/json-file.js';

const BATCH_NAME = /^([A-Za-z0-9-]+)_(\d+)\.jsonl$/;
const SINGLE_NAME = /^([A-Za-z0-9-]+)\.json$/;

export function batchFileName(firstId: string, count: number): string {
  return `${firstId}_${count}.jsonl`;
}

/** The first entry's id and the number of entries of a history file; undefined: not one. */
export function historyFileOf(name: string): { firstId: string; count: number } | undefined {
  const batch = BATCH_NAME.exec(name);
  if (batch) return { firstId: batch[1] as string, count: Number(batch[2]) };
  const single = SINGLE_NAME.exec(name);
  return single ? { firstId: single[1] as string, count: 1 } : undefined;
}

export function isHistoryFile(name: string): boolean {
  return !name.startsWith('.') && historyFileOf(name) !== undefined;
}

export interface ReadHistoryFile {
  /** In the order they were appended. */
  entries: HistoryEntry[];
  /** Lines that could not be read, each said with its file and line. */
  errors: string[];
}

/**
 * The entries of one history file, each validated (and migrated from format 1) here: reading is
 * the boundary, the files may have been edited or come from another version. A single-entry file
 * that cannot be read throws; a bad line of a batch is an error of its own, the others are read.
 */
export function readHistoryFile(dir: string, name: string, sources: SourceList): ReadHistoryFile {
  const full = path.join(dir, name);
  const text = readText(full);
  if (!name.endsWith('.jsonl'))
    return {
      entries: [historyEntryFromValue(parseJsonText(text, full), sources, full)],
      errors: [],
    };
  const out: ReadHistoryFile = { entries: [], errors: [] };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${full}:${i + 1}`;
    try {
      out.entries.push(historyEntryFromValue(parseJsonText(line, where), sources, where));
    } catch (error) {
      out.errors.push((error as Error).message);
    }
  });
  return out;
}
