// Test helpers: what the history folder holds on disk, read as a reader from outside would.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HistoryEntrySchema, type HistoryEntry } from '../../../shared/workspace/history.js';
import { isHistoryFile } from './history-files.js';

/** History files (batches, and single entries of before) in `historyDir`, oldest first. */
export function historyFiles(historyDir: string): string[] {
  try {
    return readdirSync(historyDir).filter(isHistoryFile).sort();
  } catch {
    return [];
  }
}

/**
 * Every entry on disk in `historyDir`, each parsed and validated (throws on a torn or invalid
 * one, naming its file and line).
 */
export function historyEntriesOnDisk(historyDir: string): HistoryEntry[] {
  return historyFiles(historyDir).flatMap((file) => {
    const text = readFileSync(path.join(historyDir, file), 'utf8');
    const lines = file.endsWith('.jsonl') ? text.split('\n').filter((l) => l !== '') : [text];
    return lines.map((line, i) => {
      try {
        return HistoryEntrySchema.parse(JSON.parse(line));
      } catch (error) {
        throw new Error(`${file}:${i + 1}: ${(error as Error).message}`, { cause: error });
      }
    });
  });
}
