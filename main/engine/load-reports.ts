// Saved load reports: `<workspace>/load-reports/<request path>/<UTC date and time>.json`, beside
// the collections as snapshots are (`snapshots/<request path>.ndjson`), so the collections tree and
// the workspace watcher, which read `collections/` only, never take them for folders or requests.
// 2-space JSON in the schema's key order, numbers rounded to the microsecond, the date only in the
// file name: two runs diff line by line, and only where their figures differ.
import type * as hdr from 'hdr-histogram-js';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CommandError } from '../../shared/contract/errors.js';
import {
  loadReportFileSchema,
  type LoadReportEntry,
  type LoadReportFile,
  type LoadSettingsInput,
  type LoadSnapshot,
} from '../../shared/contract/load-commands.js';
import { codeName } from '../calls/status.js';
import type { LatencySummary, LoadProgress, LoadReport } from '../load/report-types.js';
import { writeFileAtomic } from '../workspace/store/atomic-write.js';

export const LOAD_REPORTS_FOLDER = 'load-reports';

/** Microsecond precision: more digits would only make diffs noisy. */
const round = (n: number): number => Math.round(n * 1000) / 1000;

function latency(l: LatencySummary): LatencySummary {
  return {
    p50: round(l.p50),
    p90: round(l.p90),
    p95: round(l.p95),
    p99: round(l.p99),
    p999: round(l.p999),
    max: round(l.max),
    mean: round(l.mean),
  };
}

export function snapshotOf(p: LoadProgress): LoadSnapshot {
  return {
    elapsedMs: Math.round(p.elapsedMs),
    sent: p.sent,
    ok: p.ok,
    errors: p.errors,
    messagesSent: p.messagesSent,
    messagesReceived: p.messagesReceived,
    bytesSent: p.bytesSent,
    bytesReceived: p.bytesReceived,
    rps: round(p.rps),
    latencyMs: latency(p.latencyMs),
  };
}

/** Bucket upper bounds in microseconds: 1, 2, 5, 10, 20, 50 … (even steps on a log scale). */
function bucketEdges(maxUs: number): number[] {
  const edges: number[] = [];
  for (let decade = 1; edges.length === 0 || (edges.at(-1) as number) < maxUs; decade *= 10)
    for (const step of [1, 2, 5]) edges.push(step * decade);
  return edges;
}

interface IterableHistogram {
  recordedValuesIterator: {
    reset(): void;
    hasNext(): boolean;
    next(): { valueIteratedTo: number; countAtValueIteratedTo: number };
  };
}

/** The calls in each latency bucket, from the first bucket with calls to the last. */
export function histogramBuckets(h: hdr.Histogram): { upToMs: number; count: number }[] {
  if (h.totalCount === 0) return [];
  const edges = bucketEdges(h.maxValue);
  const counts = edges.map(() => 0);
  // The JavaScript histogram hdr.build makes iterates its recorded values exactly.
  const it = (h as unknown as IterableHistogram).recordedValuesIterator;
  it.reset();
  while (it.hasNext()) {
    const v = it.next();
    const i = edges.findIndex((edge) => v.valueIteratedTo <= edge);
    const at = i === -1 ? edges.length - 1 : i;
    counts[at] = (counts[at] ?? 0) + v.countAtValueIteratedTo;
  }
  const first = counts.findIndex((c) => c > 0);
  const last = counts.findLastIndex((c) => c > 0);
  return edges
    .slice(first, last + 1)
    .map((edge, i) => ({ upToMs: edge / 1000, count: counts[first + i] ?? 0 }));
}

export function reportFileOf(
  requestPath: string | undefined,
  settings: LoadSettingsInput,
  report: LoadReport,
  histogram: { upToMs: number; count: number }[],
  timeline: LoadSnapshot[],
): LoadReportFile {
  // The schema's parse gives its own key order, whatever order the parts were made in.
  return loadReportFileSchema.parse({
    version: 1,
    ...(requestPath !== undefined ? { request: requestPath } : {}),
    settings,
    summary: {
      ...report,
      durationMs: round(report.durationMs),
      rps: round(report.rps),
      latencyMs: latency(report.latencyMs),
      statuses: report.statuses.map((s) => ({ ...s, codeName: codeName(s.code) })),
      thresholds: report.thresholds.map((t) => ({ ...t, actual: round(t.actual) })),
    },
    histogram,
    timeline,
  });
}

function folderOf(workspaceDir: string, requestPath: string): string {
  return path.join(workspaceDir, LOAD_REPORTS_FOLDER, ...requestPath.split('/'));
}

/** `2026-12-05T11-34-23` (UTC): sorts by time, and is a file name on every system. */
function stampOf(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** Writes the report; answers its name among the request's reports. */
export function saveLoadReport(
  workspaceDir: string,
  requestPath: string,
  file: LoadReportFile,
  at: Date = new Date(),
): string {
  const dir = folderOf(workspaceDir, requestPath);
  const stamp = stampOf(at);
  let name = stamp;
  // Two runs in one second keep both.
  for (let n = 2; existsSync(path.join(dir, `${name}.json`)); n++) name = `${stamp}-${n}`;
  writeFileAtomic(path.join(dir, `${name}.json`), `${JSON.stringify(file, null, 2)}\n`);
  return name;
}

export function listLoadReports(workspaceDir: string, requestPath: string): LoadReportEntry[] {
  const dir = folderOf(workspaceDir, requestPath);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return [];
  }
  const relative = `${LOAD_REPORTS_FOLDER}/${requestPath}`;
  return names
    .map((n) => n.slice(0, -'.json'.length))
    .sort()
    .reverse()
    .map((name) => ({ name, file: `${relative}/${name}.json` }));
}

export function readLoadReport(
  workspaceDir: string,
  requestPath: string,
  name: string,
): LoadReportFile {
  const relative = `${LOAD_REPORTS_FOLDER}/${requestPath}/${name}.json`;
  let text: string;
  try {
    text = readFileSync(path.join(folderOf(workspaceDir, requestPath), `${name}.json`), 'utf8');
  } catch {
    throw new CommandError('not_found', `${relative}: no such load report`, { file: relative });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CommandError('invalid_input', `${relative}: not JSON (${(error as Error).message})`, {
      file: relative,
    });
  }
  const parsed = loadReportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top)';
    throw new CommandError(
      'invalid_input',
      `${relative}: ${where}: ${issue?.message ?? 'not a load report'}`,
      { file: relative, field: where },
    );
  }
  return parsed.data;
}
