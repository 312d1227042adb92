// Between proto3 JSON and CEL values. Messages are given to CEL as they are shown everywhere else
// (int64 as strings, enums by name, bytes as base64): objects become maps, numbers doubles.
// Back out, a value is written as JSON text with a length bound, for captured variables and for
// "what the assertion saw".
import { isCelList, isCelMap, isCelUint, type CelInput, type CelValue } from '@bufbuild/cel';
import type { JsonValue } from '../../shared/calls/events.js';

export function celOfJson(value: JsonValue): CelInput {
  if (Array.isArray(value)) return value.map(celOfJson);
  if (value !== null && typeof value === 'object') {
    const map = new Map<string, CelInput>();
    for (const [key, item] of Object.entries(value)) map.set(key, celOfJson(item));
    return map;
  }
  return value;
}

/** Thrown when a value's text would pass its bound: the caller says what that means. */
export class TextTooLong extends Error {}

class BoundedText {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly max: number) {}
  add(text: string): void {
    if (this.length + text.length > this.max) {
      this.parts.push(text.slice(0, this.max - this.length)); // what fits, for a cut display
      throw new TextTooLong();
    }
    this.length += text.length;
    this.parts.push(text);
  }
  text(): string {
    return this.parts.join('');
  }
}

function bytesText(bytes: Uint8Array): string {
  return JSON.stringify(Buffer.from(bytes).toString('base64'));
}

function write(value: CelValue, out: BoundedText): void {
  switch (typeof value) {
    case 'string':
      return out.add(JSON.stringify(value));
    case 'number':
      return out.add(Number.isFinite(value) ? String(value) : JSON.stringify(String(value)));
    case 'bigint':
    case 'boolean':
      return out.add(String(value));
    default:
      break;
  }
  if (value === null) return out.add('null');
  if (value instanceof Uint8Array) return out.add(bytesText(value));
  if (isCelUint(value)) return out.add(String(value.value));
  if (isCelList(value)) return writeList(value, out);
  if (isCelMap(value)) return writeMap(value, out);
  out.add(JSON.stringify(String(value))); // a type, a timestamp or a duration: its text
}

function writeList(list: Iterable<CelValue>, out: BoundedText): void {
  out.add('[');
  let first = true;
  for (const item of list) {
    if (!first) out.add(',');
    first = false;
    write(item, out);
  }
  out.add(']');
}

function writeMap(map: ReadonlyMap<unknown, CelValue>, out: BoundedText): void {
  out.add('{');
  let first = true;
  for (const [key, item] of map) {
    if (!first) out.add(',');
    first = false;
    const name = isCelUint(key) ? String(key.value) : String(key as string | bigint | boolean);
    out.add(`${JSON.stringify(name)}:`);
    write(item, out);
  }
  out.add('}');
}

/** JSON text of a value; throws TextTooLong past `max` characters (without building all of it). */
export function jsonText(value: CelValue, max: number): string {
  const out = new BoundedText(max);
  write(value, out);
  return out.text();
}

/** A value as a variable takes it: a string as it is, anything else as its JSON text. */
export function variableText(value: CelValue, max: number): string {
  if (typeof value === 'string') {
    if (value.length > max) throw new TextTooLong();
    return value;
  }
  return jsonText(value, max);
}

/** A value as a result shows it: JSON text, cut with `…` past `max` characters. */
export function shownText(value: CelValue, max: number): string {
  const out = new BoundedText(max);
  try {
    write(value, out);
    return out.text();
  } catch (error) {
    if (!(error instanceof TextTooLong)) throw error;
    const size = isCelList(value) || isCelMap(value) ? ` (${value.size} items)` : '';
    return `${out.text()}…${size}`;
  }
}
