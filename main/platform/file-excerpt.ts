// What of a file's text an error message may show. The engine reads files a client names (a
// proto, a descriptor set, a workspace file), and its errors go back to that client: a parser
// that quotes the text it choked on turns every parse error into a way to read any file (the web
// host's `secrets.key` came back whole inside "illegal token '…'"). So an error shows at most a
// short excerpt, with control and invisible characters escaped, and nothing of the secrets files.

import path from 'node:path';

/** The most characters of a file's text an error message quotes. */
export const EXCERPT_CHARS = 24;

/** The files that hold the secrets' key and the sealed secrets (see variables/secret-store.ts). */
const SECRET_FILES = new Set(['secrets.key', 'secrets.enc.json']);

export function isSecretsFile(file: string): boolean {
  return SECRET_FILES.has(path.basename(file).toLowerCase());
}

/** Control characters, line/paragraph separators and bidi overrides: shown as escapes. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/** At most `max` characters of `text`, escaped, with `…` when cut. */
export function excerpt(text: string, max: number = EXCERPT_CHARS): string {
  const chars = [...text];
  const shown = chars.slice(0, max).join('').replace(UNSAFE, escapeChar);
  return chars.length > max ? `${shown}…` : shown;
}

/** A quoted excerpt of `text` from `file`, or a note instead of it for a secrets file. */
export function quoteFrom(file: string, text: string): string {
  // The quote escaped here, where the quotes are put around the excerpt: an excerpt shown bare
  // (zod's `Expected 'plaintext' | 'tls'` in json-file.ts) printed it as \'.
  return isSecretsFile(file)
    ? '(not shown: a secrets file)'
    : `'${excerpt(text).replace(/'/g, "\\'")}'`;
}

/** Every '…' a parser quoted in `message`, as quoteFrom shows it. */
export function requoteFrom(file: string, message: string): string {
  return message.replace(/'([^'\n]*)'/g, (_, text: string) => quoteFrom(file, text));
}

/**
 * A JSON.parse error without the text V8 quotes from the input (`Unexpected token 'x', "{"a": x…"
 * is not valid JSON`), its own quotes shortened as quoteFrom shows them.
 */
export function jsonErrorReason(message: string, file: string): string {
  const bare = message
    .replace(/, "[\s\S]* is not valid JSON$/, '')
    .replace(/^"[\s\S]* is not valid JSON$/, 'not valid JSON');
  return requoteFrom(file, bare);
}
