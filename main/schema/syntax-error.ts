import protobuf from 'protobufjs';
import { SchemaError, errorText } from './errors.js';
import type { SourceFile } from './source-files.js';
import { requoteFrom } from '../platform/file-excerpt.js';

/** protobufjs's own syntax errors: "illegal token 'x', '=' expected (file, line 5)". */
const ILLEGAL = /^(illegal .*?) \((?:.*, )?line (\d+)\)$/s;

/** protoc advances the column to the next multiple of 8 on a tab; so do we, to match its positions. */
const TAB_WIDTH = 8;

/**
 * The syntax error protobufjs threw for `src`, at the line and column protoc reports; null when
 * `err` is not a syntax error (a duplicate name, say), which the caller words itself.
 */
export function syntaxError(err: unknown, src: SourceFile): SchemaError | null {
  const text = errorText(err);
  const illegal = ILLEGAL.exec(text);
  const token = illegal ? /'([^']*)'/.exec(illegal[1]!)?.[1] : undefined;
  if (ranOffTheEnd(err, token, src.source)) return endOfInput(src);
  if (!illegal) return null;
  const line = trueLine(src.source) ?? Number(illegal[2]);
  const column = token !== undefined ? columnOf(src.source, line, token) : undefined;
  const pos = column ? `${line}:${column}` : `${line}`;
  // The parser quotes the whole token: a file that is no proto (a key) would come back whole.
  const said = requoteFrom(src.diskPath, illegal[1]!);
  return new SchemaError('syntax', `${src.diskPath}:${pos}: syntax error: ${said}`, {
    file: src.diskPath,
    line,
    ...(column ? { column } : {}),
  });
}

/**
 * The line of the syntax error as protoc counts it. We parse with protobufjs's alternate comment
 * mode (it keeps `//` comments as documentation), but that mode counts a run of consecutive `//`
 * lines as one line, so every error after such a run is reported too early. The standard mode
 * counts every line; it parses the same grammar, so it fails on the same token: parse again in it
 * (only on failure, into a throwaway root) and take its line.
 */
function trueLine(source: string): number | undefined {
  const state = protobuf.parse as unknown as { filename: string | null };
  const filename = state.filename;
  try {
    protobuf.parse(source, new protobuf.Root(), { keepCase: true, alternateCommentMode: false });
    return undefined;
  } catch (err) {
    const again = ILLEGAL.exec(errorText(err));
    return again ? Number(again[2]) : undefined;
  } finally {
    state.filename = filename;
  }
}

/**
 * protobufjs does not check for the end of input inside a definition: it fails reading a property
 * of null, or calls the missing token 'null'. Either way the file ended too early.
 */
function ranOffTheEnd(err: unknown, token: string | undefined, source: string): boolean {
  if (err instanceof TypeError) return /\bof null\b/.test(err.message);
  return token === 'null' && !tokens(source).includes('null');
}

function endOfInput(src: SourceFile): SchemaError {
  const { line, column } = endPosition(src.source);
  const open = unclosedBraces(src.source);
  const missing = open > 0 ? ` (missing '}')` : '';
  return new SchemaError(
    'syntax',
    `${src.diskPath}:${line}:${column}: syntax error: reached end of input${missing}`,
    { file: src.diskPath, line, column },
  );
}

/** Where protoc puts the end of input: just after the last character. */
function endPosition(source: string): { line: number; column: number } {
  const lines = source.split('\n');
  const last = lines[lines.length - 1]!;
  return { line: lines.length, column: protocColumn(last, last.length) };
}

function unclosedBraces(source: string): number {
  let depth = 0;
  for (const t of tokens(source)) {
    if (t === '{') depth++;
    else if (t === '}') depth--;
  }
  return depth;
}

/** The tokens of `source` (comments and whitespace dropped); [] when it does not tokenize. */
function tokens(source: string): string[] {
  const out: string[] = [];
  try {
    const tn = protobuf.tokenize(source, false);
    for (let t = tn.next(); t !== null; t = tn.next()) out.push(t);
  } catch {
    // An unterminated string or comment: the caller's question has no better answer than "none".
  }
  return out;
}

/** 1-based column (protoc's, tabs to multiples of 8) of `token` as a whole token on `line`. */
export function columnOf(source: string, line: number, token: string): number | undefined {
  const text = source.split('\n', line)[line - 1]?.replace(/\r$/, '');
  if (text === undefined || token === '') return undefined;
  const at = wholeTokenIndex(text, token);
  return at < 0 ? undefined : protocColumn(text, at);
}

/** The first place `token` stands on its own in `text` (not inside a longer name), else -1. */
function wholeTokenIndex(text: string, token: string): number {
  const word = /^\w/.test(token);
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    if (!word) return at;
    const before = text[at - 1];
    const after = text[at + token.length];
    if (!isNameChar(before) && !isNameChar(after)) return at;
  }
  return text.indexOf(token);
}

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}

function protocColumn(text: string, index: number): number {
  let column = 0;
  for (let i = 0; i < index; i++) {
    column = text[i] === '\t' ? column + TAB_WIDTH - (column % TAB_WIDTH) : column + 1;
  }
  return column + 1;
}
