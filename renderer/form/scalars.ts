// Scalar values between the text a person types and proto3 JSON. 64-bit integers stay strings so
// no precision is lost; bytes are base64; floats accept the JSON spellings of NaN and infinities.
import type { ScalarType } from '../../shared/schema/model.js';
import type { JsonValue } from '../../shared/calls/events.js';
import { awaitsSubstitution } from './placeholders.js';

export type ScalarParse = { ok: true; value: JsonValue } | { ok: false; error: string };

const INT_RANGES: Partial<Record<ScalarType, [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

export const is64Bit = (s: ScalarType): boolean =>
  s === 'int64' || s === 'uint64' || s === 'sint64' || s === 'fixed64' || s === 'sfixed64';

export const isInteger = (s: ScalarType): boolean => INT_RANGES[s] !== undefined;

const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

export function defaultScalar(s: ScalarType): JsonValue {
  if (s === 'bool') return false;
  if (s === 'string' || s === 'bytes') return '';
  if (is64Bit(s)) return '0';
  return 0;
}

/** The text shown in an input for a scalar JSON value. */
export function scalarToText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Parses typed text into the proto3 JSON value for a scalar, or says what is wrong. */
export function parseScalar(s: ScalarType, text: string): ScalarParse {
  if (s === 'string') return { ok: true, value: text };
  if (s === 'bool') {
    if (text === 'true') return { ok: true, value: true };
    if (text === 'false') return { ok: true, value: false };
    return { ok: false, error: 'expected true or false' };
  }
  if (s === 'bytes') {
    const t = text.trim();
    if (!BASE64.test(t)) return { ok: false, error: 'expected base64' };
    return { ok: true, value: t };
  }
  const t = text.trim();
  const range = INT_RANGES[s];
  if (range) {
    if (!/^-?\d+$/.test(t)) return { ok: false, error: `expected a whole number (${s})` };
    const n = BigInt(t);
    if (n < range[0] || n > range[1])
      return { ok: false, error: `out of range for ${s} (${range[0]} … ${range[1]})` };
    return { ok: true, value: is64Bit(s) ? n.toString() : Number(n) };
  }
  // double / float
  if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return { ok: true, value: t };
  if (t === '' || !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t))
    return { ok: false, error: `expected a number (${s})` };
  const n = Number(t);
  if (s === 'float' && Math.abs(n) > 3.4028234663852886e38)
    return { ok: false, error: 'out of range for float' };
  return { ok: true, value: n };
}

/**
 * What typed text puts in the draft: the parsed value when it parses, else the text itself, so the
 * draft (and the JSON view) keeps exactly what the user typed and validation refuses it at Send.
 * Nothing typed is `undefined`: the field is left out (its default).
 */
export function textToDraft(s: ScalarType, text: string): JsonValue | undefined {
  if (s === 'string') return text;
  if (text.trim() === '') return undefined;
  const r = parseScalar(s, text);
  return r.ok ? r.value : text;
}

/**
 * Checks a JSON value already in the draft (from the JSON editor) against a scalar type. Text with
 * a `{{variable}}` is checked by the engine after substitution, so it is never wrong here.
 */
export function checkScalarValue(s: ScalarType, value: JsonValue): string | null {
  if (awaitsSubstitution(value)) return null;
  if (s === 'bool') return typeof value === 'boolean' ? null : 'expected true or false';
  if (s === 'string') return typeof value === 'string' ? null : 'expected a string';
  if (s === 'bytes')
    return typeof value === 'string'
      ? parseScalar('bytes', value).ok
        ? null
        : 'expected base64'
      : 'expected a base64 string';
  if (typeof value === 'number') {
    if (isInteger(s) && !Number.isInteger(value)) return `expected a whole number (${s})`;
    if (isInteger(s)) {
      const r = parseScalar(s, String(value));
      return r.ok ? null : r.error;
    }
    return null;
  }
  if (typeof value === 'string') {
    const r = parseScalar(s, value);
    return r.ok ? null : r.error;
  }
  return `expected ${is64Bit(s) ? 'a number as a string' : 'a number'} (${s})`;
}

/** Standard base64 of a file's bytes, for "bytes from a file". */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
