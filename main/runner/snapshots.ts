// Snapshots: a request's call (every message both ways, headers, trailers, status) stored as a
// recording in the workspace, `<workspace>/snapshots/<request path>.ndjson` (one per iteration,
// `.iteration-N`, when a run has several), so it is committed with the collection. A run records
// each call to a scratch file and compares it with the stored one through the recording diff
// (ignore paths, per-message differences). A missing snapshot is written and reported as new,
// never passed in silence; `update` rewrites them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SnapshotResult } from '../../shared/contract/runner-commands.js';
import { diffRecordings, formatDiffSummary } from '../recording/index.js';

export const SNAPSHOTS_FOLDER = 'snapshots';

export interface SnapshotFile {
  /** Absolute. */
  file: string;
  /** Relative to the workspace folder, `/`-separated (what reports show). */
  relative: string;
}

export function snapshotFileOf(
  workspaceDir: string,
  requestPath: string,
  iteration: number,
  iterations: number,
): SnapshotFile {
  const suffix = iterations > 1 ? `.iteration-${iteration}` : '';
  const relative = `${SNAPSHOTS_FOLDER}/${requestPath}${suffix}.ndjson`;
  return { file: path.join(workspaceDir, ...relative.split('/')), relative };
}

function store(fresh: string, target: SnapshotFile): void {
  mkdirSync(path.dirname(target.file), { recursive: true });
  copyFileSync(fresh, target.file);
}

/** Compares the call just recorded (`fresh`) with the stored snapshot, or writes it. */
export async function settleSnapshot(
  mode: 'compare' | 'update',
  fresh: string,
  target: SnapshotFile,
  ignore: readonly string[],
): Promise<SnapshotResult> {
  const existed = existsSync(target.file);
  if (!existed || mode === 'update') {
    store(fresh, target);
    return { state: existed ? 'updated' : 'new', file: target.relative };
  }
  const diff = await diffRecordings(target.file, fresh, { ignore });
  if (diff.identical) return { state: 'passed', file: target.relative };
  const text = formatDiffSummary({ ...diff, a: target.relative, b: '(this run)' });
  return { state: 'failed', file: target.relative, differences: text };
}
