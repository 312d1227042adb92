// A JSON value as JavaScript source for an exported k6 script, with each `[secret:NAME]` the
// engine's prepare step left in a string read from the environment at run time (`__ENV.NAME`):
// a secret's value is never written into a script.
import type { JsonValue } from '../../shared/calls/events.js';

const SECRET = /\[secret:([A-Za-z0-9_.-]+)\]/g;

/** A string as a JS expression: a literal, or literals and `__ENV[...]` joined by `+`. */
export function stringSource(text: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(SECRET)) {
    if (match.index > last) parts.push(JSON.stringify(text.slice(last, match.index)));
    parts.push(`__ENV[${JSON.stringify(match[1])}]`);
    last = match.index + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(JSON.stringify(text.slice(last)));
  return parts.join(' + ');
}

export function jsSource(value: JsonValue, indent = ''): string {
  if (typeof value === 'string') return stringSource(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${jsSource(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${keySource(k)}: ${jsSource(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * A property name in an object literal. `"__proto__": value` there sets the object's prototype
 * (and a string value is ignored); written computed, `["__proto__"]` is a key like any other.
 */
function keySource(key: string): string {
  return key === '__proto__' ? `[${JSON.stringify(key)}]` : JSON.stringify(key);
}

/** The names of the secrets a value uses. */
export function secretNames(value: JsonValue): string[] {
  return [...new Set([...JSON.stringify(value).matchAll(SECRET)].map((m) => m[1] as string))];
}
