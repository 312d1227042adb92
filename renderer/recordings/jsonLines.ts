// A JSON value as the lines JSON.stringify(v, null, 2) prints, each with the path of the field it
// belongs to, so a diff can mark the lines of the paths that differ.
import type { JsonValue } from '../../shared/calls/events.js';
import { formatPath } from '../../shared/json/format-path.js';

export interface JsonLine {
  text: string;
  /** The field the line is part of, as diffs name it: `items[2].name`; '' for the top. */
  path: string;
}

type Segment = string | number;

function walk(
  v: JsonValue,
  path: Segment[],
  indent: string,
  lead: string,
  tail: string,
  out: JsonLine[],
): void {
  const at = path.length === 0 ? '' : formatPath(path);
  const inner = `${indent}  `;
  if (Array.isArray(v) || (typeof v === 'object' && v !== null)) {
    const entries: [Segment, JsonValue][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      out.push({ text: `${indent}${lead}${open}${close}${tail}`, path: at });
      return;
    }
    out.push({ text: `${indent}${lead}${open}`, path: at });
    entries.forEach(([k, x], i) => {
      const key = typeof k === 'number' ? '' : `${JSON.stringify(k)}: `;
      walk(x, [...path, k], inner, key, i < entries.length - 1 ? ',' : '', out);
    });
    out.push({ text: `${indent}${close}${tail}`, path: at });
    return;
  }
  out.push({ text: `${indent}${lead}${JSON.stringify(v)}${tail}`, path: at });
}

export function jsonLines(value: JsonValue): JsonLine[] {
  const out: JsonLine[] = [];
  walk(value, [], '', '', '', out);
  return out;
}

/** Whether a line's path is one of `paths` or inside one (`(whole message)` covers everything). */
export function underAny(path: string, paths: readonly string[]): boolean {
  return paths.some(
    (p) =>
      p === '(whole message)' ||
      p === path ||
      (path.startsWith(p) && (path[p.length] === '.' || path[p.length] === '[')),
  );
}
