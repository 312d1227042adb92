import type { CallStatus, JsonValue, MetadataEntry } from '../../../shared/calls/events.js';
import type { RecordingEvent } from '../../../shared/recording/index.js';
import { EventCursor, readHeader, type ReadEvent } from '../reader/index.js';
import { ignoreMatcher, trackedIgnoreMatcher, type IgnoreMatcher } from './ignore-paths.js';
import { diffJson, type FieldDifference } from './json-diff.js';

export interface DiffOptions {
  /** Field paths to leave out (see ignore-paths.ts). */
  ignore?: readonly string[];
  /** Leave out DEFAULT_IGNORE too (default true). */
  defaultIgnore?: boolean;
  /** How many differing messages are described in full (all are counted). Default 20. */
  maxReported?: number;
  /**
   * Differing messages passed over before the described ones (client side first, then server,
   * each in order): a page of a long diff starts at difference `skipReported + 1`. Default 0.
   */
  skipReported?: number;
}

export interface StreamCounts {
  matching: number;
  differing: number;
  /** In the first recording, not in the second. */
  missing: number;
  /** In the second recording, not in the first. */
  extra: number;
}

export type MessageSide = 'client' | 'server';

export interface MessageDifference {
  side: MessageSide;
  /** 1-based position among that side's messages. */
  index: number;
  kind: 'differs' | 'missing' | 'extra';
  lineA?: number;
  lineB?: number;
  fields: FieldDifference[];
  /** The message in the first recording (JSON, or {raw} when undecodable), absent when missing. */
  a?: JsonValue;
  b?: JsonValue;
}

export interface DiffSummary {
  a: string;
  b: string;
  method: string;
  client: StreamCounts;
  server: StreamCounts;
  headers: FieldDifference[];
  trailers: FieldDifference[];
  status: FieldDifference[];
  statusA?: CallStatus;
  statusB?: CallStatus;
  /** The first `maxReported` message differences, in order. */
  messages: MessageDifference[];
  /** Nothing differs outside the ignored paths. */
  identical: boolean;
  /** Ignore paths given in the options that matched no field of either recording (typos). */
  unmatchedIgnore: string[];
}

interface Side {
  headers?: MetadataEntry[];
  trailers?: MetadataEntry[];
  status?: CallStatus;
}

/** Set by the HTTP stack on every response, never the same twice: not a regression. */
export const DEFAULT_IGNORE: readonly string[] = ['headers.date', 'trailers.date'];

const emptyCounts = (): StreamCounts => ({ matching: 0, differing: 0, missing: 0, extra: 0 });

/** Entries as {key: value} (or {key: [values]} when a key repeats) so they diff by key, not by position. */
function metadataObject(entries: MetadataEntry[] | undefined): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  for (const { key, value } of entries ?? []) {
    const prev = out[key];
    out[key] =
      prev === undefined
        ? value
        : Array.isArray(prev)
          ? [...prev, value]
          : [prev as JsonValue, value];
  }
  return out;
}

function statusObject(status: CallStatus | undefined): JsonValue | undefined {
  if (!status) return undefined;
  return {
    code: status.codeName,
    message: status.message,
    details: status.details.map((d) => ({ type: d.type, value: d.value ?? { raw: d.raw } })),
  };
}

/** What a message is compared by: its JSON, or its bytes when it could not be decoded. */
function payload(event: RecordingEvent): JsonValue {
  if (event.type !== 'sent' && event.type !== 'received') return null;
  return event.message === null && event.raw !== undefined ? { raw: event.raw } : event.message;
}

/** A message on one side only is not compared, but its fields count for the ignore paths used. */
function noteIgnoredPaths(message: JsonValue, ignore: IgnoreMatcher): void {
  diffJson(message, message, ignore);
}

/** Which differences are described: the ones after `skip`, `max` of them. */
interface Report {
  messages: MessageDifference[];
  skip: number;
  max: number;
  /** Differences seen so far, both sides. */
  seen: number;
}

async function compareSide(
  a: string,
  b: string,
  side: MessageSide,
  ignore: IgnoreMatcher,
  counts: StreamCounts,
  report: Report,
  extras: { a: Side; b: Side },
): Promise<void> {
  const type = side === 'client' ? 'sent' : 'received';
  // The server pass also collects headers, trailers and status, so each file is read twice in all.
  const wanted = (e: RecordingEvent): boolean =>
    e.type === type ||
    (side === 'server' && (e.type === 'headers' || e.type === 'trailers' || e.type === 'status'));
  // Lines of the other side are skipped unparsed: each pass parses only what it compares.
  const otherSide =
    side === 'client' ? '{"dir":"server","type":"received"' : '{"dir":"client","type":"sent"';
  const skip = { skipText: (text: string) => text.startsWith(otherSide) };
  const cursors = [new EventCursor(a, wanted, skip), new EventCursor(b, wanted, skip)] as const;
  const sides = [extras.a, extras.b] as const;
  const nextMessage = async (i: 0 | 1): Promise<ReadEvent | undefined> => {
    for (let item = await cursors[i].next(); item; item = await cursors[i].next()) {
      const e = item.event;
      if (e.type === type) return item;
      if (e.type === 'headers') sides[i].headers = e.metadata;
      else if (e.type === 'trailers') sides[i].trailers = e.metadata;
      else if (e.type === 'status') sides[i].status = e.status;
    }
    return undefined;
  };
  try {
    for (let index = 1; ; index++) {
      const [x, y] = await Promise.all([nextMessage(0), nextMessage(1)]);
      if (!x && !y) break;
      let diff: MessageDifference | undefined;
      const pa = x && payload(x.event);
      const pb = y && payload(y.event);
      if (x && y) {
        const fields = diffJson(pa, pb, ignore);
        if (fields.length === 0) counts.matching++;
        else {
          counts.differing++;
          diff = { side, index, kind: 'differs', lineA: x.line, lineB: y.line, fields };
        }
      } else if (x) {
        noteIgnoredPaths(pa!, ignore);
        counts.missing++;
        diff = { side, index, kind: 'missing', lineA: x.line, fields: [] };
      } else if (y) {
        noteIgnoredPaths(pb!, ignore);
        counts.extra++;
        diff = { side, index, kind: 'extra', lineB: y.line, fields: [] };
      }
      if (!diff) continue;
      report.seen++;
      // Only the described page keeps its messages: memory stays one page, whatever the diff.
      if (report.seen > report.skip && report.messages.length < report.max) {
        if (pa !== undefined) diff.a = pa;
        if (pb !== undefined) diff.b = pb;
        report.messages.push(diff);
      }
    }
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
}

/**
 * Compares two recordings message by message: client messages with client messages, server
 * messages with server messages, by position; then headers, trailers and status. Both files are
 * streamed, so memory does not grow with their length.
 */
export async function diffRecordings(
  a: string,
  b: string,
  opts: DiffOptions = {},
): Promise<DiffSummary> {
  const given = trackedIgnoreMatcher(opts.ignore ?? []);
  const always = ignoreMatcher(opts.defaultIgnore === false ? [] : DEFAULT_IGNORE);
  // The given paths are asked first and always, so that each one's use is noted.
  const ignore: IgnoreMatcher = (path) => given.matcher(path) || always(path);
  const report: Report = {
    messages: [],
    skip: opts.skipReported ?? 0,
    max: opts.maxReported ?? 20,
    seen: 0,
  };
  const [headerA] = await Promise.all([readHeader(a), readHeader(b)]);
  const summary: DiffSummary = {
    a,
    b,
    method: headerA.method,
    client: emptyCounts(),
    server: emptyCounts(),
    headers: [],
    trailers: [],
    status: [],
    messages: [],
    identical: false,
    unmatchedIgnore: [],
  };
  const extras = { a: {} as Side, b: {} as Side };
  // Client side first, then server: the order differences are numbered in for paging.
  await compareSide(a, b, 'client', ignore, summary.client, report, extras);
  await compareSide(a, b, 'server', ignore, summary.server, report, extras);
  summary.messages = report.messages;
  summary.headers = diffJson(
    metadataObject(extras.a.headers),
    metadataObject(extras.b.headers),
    ignore,
    ['headers'],
  );
  summary.trailers = diffJson(
    metadataObject(extras.a.trailers),
    metadataObject(extras.b.trailers),
    ignore,
    ['trailers'],
  );
  summary.status = diffJson(
    statusObject(extras.a.status) ?? null,
    statusObject(extras.b.status) ?? null,
    ignore,
    ['status'],
  );
  if (extras.a.status) summary.statusA = extras.a.status;
  if (extras.b.status) summary.statusB = extras.b.status;
  const streams = [summary.client, summary.server];
  summary.identical =
    streams.every((s) => s.differing === 0 && s.missing === 0 && s.extra === 0) &&
    summary.headers.length === 0 &&
    summary.trailers.length === 0 &&
    summary.status.length === 0;
  summary.unmatchedIgnore = given.unmatched();
  return summary;
}
