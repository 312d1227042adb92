// Secret values are substituted into a request on its way to the wire, and only there: every
// event a session logs or hands its observers is built with each secret value replaced by
// `[secret:NAME]`, so the log, the clients, recordings, history, reports and error messages only
// ever see the masked form. Messages that held a secret lose their raw bytes (the bytes cannot be
// masked and stay a valid message) and say so with `rawDropped: 'secret'`.
import type { CallEvent, JsonValue, MetadataEntry } from '../../shared/calls/events.js';
import { mapJsonStrings } from '../../shared/json/map-strings.js';

/** What a masked value reads as: the secret variable's name in brackets. */
export const secretPlaceholder = (name: string): string => `[secret:${name}]`;

/** `[secret:NAME]` anywhere in a text; NAME as a variable name may be written. */
export const SECRET_PLACEHOLDER_PATTERN = /\[secret:([A-Za-z0-9_.-]+)\]/g;
/** Splits a text into the parts between placeholders (even indexes) and the placeholders (odd). */
const PLACEHOLDER_SPLIT = /(\[secret:[A-Za-z0-9_.-]+\])/;

export interface SecretMask {
  /** The names of the secrets masked. */
  readonly names: readonly string[];
  text(value: string): string;
  /** The value with every secret masked in every string and key; the same object when none held one. */
  json<T extends JsonValue>(value: T): T;
  metadata(entries: readonly MetadataEntry[]): MetadataEntry[];
  /** The event as it may be kept and shown, and the raw bytes observers may see. */
  event(event: CallEvent, raw?: Uint8Array): { event: CallEvent; raw?: Uint8Array };
  /** Masks an error's message and details in place (errors thrown after substitution). */
  error<E>(error: E): E;
}

interface Pair {
  name: string;
  value: string;
  bytes: Buffer;
  placeholder: string;
  placeholderBytes: Buffer;
}

/** base64 or base64url, as metadata `-bin` values, status details and `bytes` fields are written. */
const BASE64_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A mask for these secrets; undefined when there is nothing to mask (the hot path stays as it is). */
export function createSecretMask(secrets: ReadonlyMap<string, string>): SecretMask | undefined {
  // Most calls use no secret, and a run asks several times per request: nothing to copy or sort.
  if (secrets.size === 0) return undefined;
  // Longest first, so a secret that contains another is replaced whole.
  const pairs: Pair[] = [...secrets]
    .filter(([, value]) => value.length > 0)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([name, value]) => ({
      name,
      value,
      bytes: Buffer.from(value, 'utf8'),
      placeholder: secretPlaceholder(name),
      placeholderBytes: Buffer.from(secretPlaceholder(name), 'utf8'),
    }));
  if (pairs.length === 0) return undefined;
  const shortestBytes = Math.min(...pairs.map((p) => p.bytes.length));
  // A base64 text shorter than this decodes to fewer bytes than the shortest secret.
  const shortestBase64 = Math.floor((shortestBytes * 4) / 3);

  const bytesHold = (bytes: Uint8Array): boolean => {
    const buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return pairs.some((p) => buffer.includes(p.bytes));
  };

  const maskBytes = (bytes: Buffer): Buffer | undefined => {
    let out = bytes;
    let changed = false;
    for (const p of pairs) {
      let at = out.indexOf(p.bytes);
      if (at === -1) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (at !== -1) {
        parts.push(out.subarray(from, at), p.placeholderBytes);
        from = at + p.bytes.length;
        at = out.indexOf(p.bytes, from);
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
      changed = true;
    }
    return changed ? out : undefined;
  };

  const maskedSpan = (value: string): string => {
    let out = value;
    for (const p of pairs) if (out.includes(p.value)) out = out.split(p.value).join(p.placeholder);
    return out;
  };

  const text = (value: string): string => {
    // Masking twice must not mask inside a placeholder the first pass wrote (a secret `cr` made
    // `[se[secret:c]et:tok]`): the texts between placeholders are masked, the placeholders kept.
    let out = value.includes('[secret:')
      ? value
          .split(PLACEHOLDER_SPLIT)
          .map((part, i) => (i % 2 === 1 ? part : maskedSpan(part)))
          .join('')
      : maskedSpan(value);
    // Bytes travel as base64 (metadata `-bin`, status details, `bytes` fields): a secret inside
    // them is masked in the decoded bytes, at whatever offset it sits.
    if (out.length >= shortestBase64 && BASE64_TEXT.test(out)) {
      const masked = maskBytes(Buffer.from(out, 'base64'));
      if (masked) out = masked.toString('base64');
    }
    return out;
  };

  const json = <T extends JsonValue>(value: T): T => walk(value) as T;
  // defineProperty: a key such as `__proto__` stays a plain key.
  const define = (o: { [key: string]: JsonValue }, key: string, value: JsonValue): void => {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  };
  const walk = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return text(v);
    if (typeof v === 'number') {
      // A secret substituted into a number field comes back as a number.
      const found = pairs.find((p) => p.value === String(v));
      return found ? found.placeholder : v;
    }
    if (Array.isArray(v)) {
      let out: JsonValue[] | undefined;
      v.forEach((item, i) => {
        const masked = walk(item);
        if (masked !== item) (out ??= v.slice())[i] = masked;
      });
      return out ?? v;
    }
    if (v !== null && typeof v === 'object') {
      // Nothing is allocated for an object that holds no secret (every streamed message).
      const keys = Object.keys(v);
      let out: { [key: string]: JsonValue } | undefined;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const item = v[k] as JsonValue;
        const key = text(k);
        const masked = walk(item);
        if (out === undefined && (key !== k || masked !== item)) {
          out = {};
          for (let j = 0; j < i; j++)
            define(out, keys[j] as string, v[keys[j] as string] as JsonValue);
        }
        if (out !== undefined) define(out, key, masked);
      }
      return out ?? v;
    }
    return v;
  };

  const metadata = (entries: readonly MetadataEntry[]): MetadataEntry[] =>
    entries.map((e) => {
      const key = text(e.key);
      const value = text(e.value);
      return key === e.key && value === e.value ? e : { key, value };
    });

  const event = (e: CallEvent, raw?: Uint8Array): { event: CallEvent; raw?: Uint8Array } => {
    switch (e.type) {
      case 'sent':
      case 'received': {
        const message = json(e.message);
        const decodeError = e.decodeError === undefined ? undefined : text(e.decodeError);
        const held =
          message !== e.message ||
          decodeError !== e.decodeError ||
          (raw !== undefined && bytesHold(raw)) ||
          (e.raw !== undefined && bytesHold(Buffer.from(e.raw, 'base64')));
        if (!held) return raw === undefined ? { event: e } : { event: e, raw };
        const { raw: _dropped, decodeError: _error, ...rest } = e;
        return {
          event: {
            ...rest,
            message,
            ...(decodeError !== undefined ? { decodeError } : {}),
            rawDropped: 'secret',
          },
        };
      }
      case 'started':
        return { event: { ...e, target: text(e.target), metadata: metadata(e.metadata) } };
      case 'headers':
      case 'trailers':
        return { event: { ...e, metadata: metadata(e.metadata) } };
      case 'status': {
        const { status } = e;
        return {
          event: {
            ...e,
            status: {
              ...status,
              message: text(status.message),
              details: status.details.map((d) => ({
                type: d.type,
                value: json(d.value),
                raw: text(d.raw),
              })),
              ...(status.rawCode !== undefined ? { rawCode: text(status.rawCode) } : {}),
              ...(status.rawMessage !== undefined ? { rawMessage: text(status.rawMessage) } : {}),
            },
          },
        };
      }
      default:
        return { event: e };
    }
  };

  const error = <E>(err: E): E => {
    if (!(err instanceof Error)) return err;
    err.message = text(err.message);
    const withDetails = err as Error & { details?: unknown };
    if (withDetails.details !== undefined) {
      try {
        // `details` is readonly on WorkbenchError; the masked copy replaces it.
        Object.defineProperty(err, 'details', {
          value: json(JSON.parse(JSON.stringify(withDetails.details)) as JsonValue),
          enumerable: true,
          configurable: true,
          writable: false,
        });
      } catch {
        // details that are not JSON do not cross the wire either
      }
    }
    if (err.stack !== undefined) err.stack = text(err.stack);
    return err;
  };

  return { names: pairs.map((p) => p.name), text, json, metadata, event, error };
}

/** The secret names a value's masked strings (and keys) hold, each once, in order. */
export function maskedNames(value: JsonValue): string[] {
  const found = new Set<string>();
  const scan = (text: string): void => {
    for (const m of text.matchAll(SECRET_PLACEHOLDER_PATTERN)) found.add(m[1] as string);
  };
  const walk = (v: JsonValue): void => {
    if (typeof v === 'string') scan(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        scan(k);
        walk(item);
      }
  };
  walk(value);
  return [...found];
}

/**
 * The reverse of masking, for a replay: each `[secret:NAME]` in every string (and key) becomes
 * NAME's value again. Names without a value are left masked (the caller checks maskedNames first).
 */
export function restoreSecrets<T extends JsonValue>(
  value: T,
  secrets: ReadonlyMap<string, string>,
): T {
  const text = (s: string): string =>
    s.includes('[secret:')
      ? s.replace(SECRET_PLACEHOLDER_PATTERN, (whole, name: string) => secrets.get(name) ?? whole)
      : s;
  return mapJsonStrings(value, text) as T;
}
