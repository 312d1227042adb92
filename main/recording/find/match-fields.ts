// Where a query's text occurs in one event: the field paths of the message JSON (keys and values),
// the metadata (keys and values), the status (code, message, details) and a decode error.
import type { CallEvent, JsonValue, MetadataEntry } from '../../../shared/calls/events.js';
import { formatPath } from '../diff/ignore-paths.js';

/** Says whether a piece of text holds the query (already folded for case when asked to). */
export type TextTest = (text: string) => boolean;

export function textTest(query: string, caseSensitive: boolean): TextTest {
  if (caseSensitive) return (text) => text.includes(query);
  const folded = query.toLowerCase();
  return (text) => text.toLowerCase().includes(folded);
}

const leafText = (v: JsonValue): string => (v === null ? 'null' : String(v));

/** Paths in a JSON value whose key or leaf value holds the query; at most `max` are kept. */
export function matchJson(
  value: JsonValue,
  test: TextTest,
  prefix: (string | number)[],
  out: string[],
  max: number,
): void {
  // Iterative: a deep message must not overflow the stack.
  const stack: { v: JsonValue; path: (string | number)[] }[] = [{ v: value, path: prefix }];
  while (stack.length > 0 && out.length < max) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i]!, path: [...path, i] });
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        // A key that matches is a hit at that field, whatever its value.
        if (test(k)) stack.push({ v: k, path: [...path, k] });
        else stack.push({ v: v[k]!, path: [...path, k] });
      }
    } else if (test(leafText(v))) {
      out.push(formatPath(path.map(String)));
    }
  }
}

function matchMetadata(
  entries: readonly MetadataEntry[],
  test: TextTest,
  where: string,
  out: string[],
  max: number,
): void {
  for (const { key, value } of entries) {
    if (out.length >= max) return;
    if (test(key) || test(value)) out.push(`${where}.${key}`);
  }
}

/**
 * The paths in `event` where the query's text occurs, first `max` of them: a message's field paths
 * as the diff shows them (`items[2].name`, `(whole message)` for a bare value), `headers.KEY`,
 * `trailers.KEY`, `metadata.KEY` (the request metadata of `started`), `status.code`,
 * `status.message`, `status.details[0].value.reason`, `decodeError`.
 */
export function matchEvent(event: CallEvent, test: TextTest, max: number): string[] {
  const out: string[] = [];
  switch (event.type) {
    case 'sent':
    case 'received':
      if (event.message !== null) matchJson(event.message, test, [], out, max);
      if (event.decodeError !== undefined && test(event.decodeError) && out.length < max)
        out.push('decodeError');
      break;
    case 'started':
      matchMetadata(event.metadata, test, 'metadata', out, max);
      break;
    case 'headers':
      matchMetadata(event.metadata, test, 'headers', out, max);
      break;
    case 'trailers':
      matchMetadata(event.metadata, test, 'trailers', out, max);
      break;
    case 'status': {
      const { status } = event;
      if (test(status.codeName) || test(String(status.code))) out.push('status.code');
      if (test(status.message) && out.length < max) out.push('status.message');
      status.details.forEach((d, i) => {
        if (out.length >= max) return;
        if (test(d.type)) out.push(`status.details[${i}].type`);
        else if (d.value !== null)
          matchJson(d.value, test, ['status', 'details', i, 'value'], out, max);
      });
      break;
    }
    default:
      break;
  }
  return out;
}
