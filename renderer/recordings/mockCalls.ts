// The calls a running mock served, as the Recordings panel lists them: newest first, the last
// MAX_MOCK_CALLS_SHOWN kept, with a count of all of them so the list can say what it left out.
import type { EventPayload } from '../../shared/contract/types.js';

export type MockCallsBatch = EventPayload<'mock.calls'>;
export type MockCall = MockCallsBatch['calls'][number];

export const MAX_MOCK_CALLS_SHOWN = 200;

export interface MockCallRow extends MockCall {
  /** Serial number of the call since the mock started (a stable React key). */
  n: number;
}

export interface MockCallList {
  rows: MockCallRow[];
  /** Every call the mock reported, including the ones no longer (or never) kept. */
  total: number;
}

export const EMPTY_MOCK_CALLS: MockCallList = { rows: [], total: 0 };

/** Adds a batch (oldest first, after `dropped` calls it left out) to a newest-first list. */
export function addMockCalls(list: MockCallList, batch: MockCallsBatch): MockCallList {
  let n = list.total + batch.dropped;
  const added = batch.calls.map((call) => ({ ...call, n: ++n })).reverse();
  return { rows: [...added, ...list.rows].slice(0, MAX_MOCK_CALLS_SHOWN), total: n };
}

/** `matched: first client message matched`, `default: only recording`, `default: no recording has …`. */
export function mockCallReason(call: MockCall): string {
  const why = call.why.replace(/^default: /, '');
  return `${call.matched ? 'matched' : 'default'}: ${why}`;
}

/** The file name of a recording id (`example.LogService/Tail/2026-….ndjson` → `2026-….ndjson`). */
export function recordingFileName(id: string): string {
  return id.split('/').at(-1) ?? id;
}

/** `/example.LogService/Tail` → `LogService/Tail`: the package rarely tells mocked methods apart. */
export function shortMethod(method: string): string {
  const [service = '', name = ''] = method.replace(/^\//, '').split('/');
  return name ? `${service.split('.').at(-1)}/${name}` : method;
}

const pad = (v: number, width = 2): string => String(v).padStart(width, '0');

/** Local wall-clock time with milliseconds: calls to a mock often come many a second. */
export function mockCallTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
