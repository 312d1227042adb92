import type { JsonValue } from '../calls/events.js';
import { JsonBoundaryScanner } from './json-boundaries.js';

/** A -d body that is not JSON; the message gives line and column. */
export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** The text ended inside a value: more input may complete it. */
    readonly ranOut = false,
    /** Bytes (UTF-8) of the input before the error. */
    readonly byte?: number,
  ) {
    super(`${reason} at line ${line}, column ${column}`);
  }
}

/** Where a piece of text starts within the whole input, for line and column in errors. */
interface TextBase {
  line: number;
  column: number;
  /** UTF-8 bytes before it. */
  byte: number;
}

/** Anything but printable ASCII and line breaks (rare control characters take the slow count). */
const NOT_ASCII = /[^ -~\t\n\r]/;

/** The UTF-8 length of `text`, without encoding it. */
function utf8Length(text: string): number {
  if (!NOT_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Parses zero or more JSON values written one after another (`{"a":1} {"a":2}`), as grpcurl reads
 * -d for client and bidi streams. Integers too big for a double are kept as their digits in a
 * string, which proto3 JSON accepts for every numeric field, so int64 values never lose precision.
 */
export function parseJsonStream(text: string): JsonValue[] {
  const reader = new JsonStreamReader();
  return [...reader.push(text), ...reader.end()];
}

/**
 * The same, fed as input arrives (`-d @` from a terminal or a pipe): push() returns every value
 * completed so far, end() the rest, so a bidi stream can send each message as it is typed. Each
 * character is looked at once to find where values end, and each value is parsed once when it is
 * whole: linear in the input however it is cut.
 */
export class JsonStreamReader {
  /** Text since the last complete value, in the pieces it came in (joined once, when needed). */
  private pending: string[] = [];
  private readonly scanner = new JsonBoundaryScanner();
  private base: TextBase = { line: 1, column: 1, byte: 0 };
  /** An error found after values that were handed over first: thrown by the next call. */
  private failure: JsonStreamError | undefined;

  push(chunk: string): JsonValue[] {
    if (this.failure) throw this.failure;
    const { ends, invalid } = this.scanner.scan(chunk);
    if (ends.length === 0) {
      if (chunk !== '') this.pending.push(chunk);
      return [];
    }
    const values: JsonValue[] = [];
    if (!invalid && ends.length > 1 && this.parseMany(chunk, ends, values)) return values;
    let start = 0;
    try {
      for (let index = 0; index < ends.length; index++) {
        const end = ends[index] as number;
        // Only the first value can have begun in an earlier piece.
        let text = chunk.slice(start, end);
        if (this.pending.length > 0) {
          this.pending.push(text);
          text = this.pending.join('');
          this.pending = [];
        }
        start = end;
        if (invalid && index === ends.length - 1) this.refuse(text);
        this.parse(text, values);
      }
    } catch (error) {
      // The values before the error are whole: they go first (grpcurl sends them), then it.
      if (values.length === 0 || !(error instanceof JsonStreamError)) throw error;
      this.failure = error;
      return values;
    }
    if (start < chunk.length) this.pending.push(chunk.slice(start));
    return values;
  }

  end(): JsonValue[] {
    if (this.failure) throw this.failure;
    const text = this.pending.join('');
    this.pending = [];
    const values: JsonValue[] = [];
    if (text.trim() !== '') this.parse(text, values);
    return values;
  }

  /**
   * Many small messages in one piece (a file of JSON lines): one JSON.parse for all of them
   * instead of one each. False (nothing consumed) when that cannot be done exactly; the caller
   * then takes them one by one.
   */
  private parseMany(chunk: string, ends: number[], values: JsonValue[]): boolean {
    const last = ends[ends.length - 1] as number;
    const first = this.pending.length > 0 ? this.pending.join('') : '';
    const texts: string[] = [first + chunk.slice(0, ends[0])];
    for (let i = 1; i < ends.length; i++) texts.push(chunk.slice(ends[i - 1], ends[i]));
    if (texts.some((text) => LONG_DIGITS.test(text))) return false;
    let all: JsonValue[];
    try {
      all = JSON.parse(`[${texts.join(',')}]`) as JsonValue[];
    } catch {
      return false;
    }
    for (const value of all) values.push(value);
    this.advance(first);
    this.advance(chunk.slice(0, last));
    this.pending = last < chunk.length ? [chunk.slice(last)] : [];
    return true;
  }

  /**
   * Adds the values in `text` to `values`: one complete value (and the space before it), or at
   * end() what is left. JSON.parse builds it natively when no integer could be too big for a
   * double (no run of 16 digits anywhere); otherwise, or to say what is wrong and where, the
   * parser here.
   */
  private parse(text: string, values: JsonValue[]): void {
    let parsed = false;
    if (!LONG_DIGITS.test(text)) {
      try {
        values.push(JSON.parse(text) as JsonValue);
        parsed = true;
      } catch {
        // Not one valid value: the parser below names the error, or finds several values.
      }
    }
    if (!parsed) for (const value of this.parseSlowly(text)) values.push(value);
    this.advance(text);
  }

  private parseSlowly(text: string): JsonValue[] {
    const parser = new Parser(text, this.base);
    const values: JsonValue[] = [];
    for (;;) {
      parser.skipSpace();
      if (parser.atEnd()) break;
      values.push(parser.value());
    }
    return values;
  }

  /** The scanner met a character JSON never has there: the parser names it and where. */
  private refuse(text: string): never {
    this.parseSlowly(text);
    return new Parser(text, this.base).fail(
      `unexpected ${JSON.stringify(text.at(-1))}`,
      text.length - 1,
    );
  }

  private advance(done: string): void {
    let newlines = 0;
    let lastNewline = -1;
    for (let i = done.indexOf('\n'); i !== -1; i = done.indexOf('\n', i + 1)) {
      newlines++;
      lastNewline = i;
    }
    const byte = this.base.byte + utf8Length(done);
    this.base =
      newlines > 0
        ? { line: this.base.line + newlines, column: done.length - lastNewline, byte }
        : { line: this.base.line, column: this.base.column + done.length, byte };
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const MAX_DEPTH = 1000;
/** 16 digits in a row: maybe an integer beyond 2^53 (kept as its digits), so not JSON.parse. */
const LONG_DIGITS = /\d{16}/;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly base: TextBase = { line: 1, column: 1, byte: 0 },
  ) {}

  get position(): number {
    return this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      pos++;
    }
    this.pos = pos;
  }

  /** `scanned`: how far the parser looked; past the end means the text may just be cut short. */
  fail(reason: string, at = this.pos, scanned = at): never {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    let column = at - before.lastIndexOf('\n');
    if (line === 1) column += this.base.column - 1;
    throw new JsonStreamError(
      reason,
      this.base.line + line - 1,
      column,
      scanned >= this.text.length,
      this.base.byte + utf8Length(before),
    );
  }

  private describe(): string {
    return this.atEnd() ? 'end of input' : JSON.stringify(this.text[this.pos]);
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch)
      this.fail(`expected ${JSON.stringify(ch)} but found ${this.describe()}`);
    this.pos++;
  }

  value(): JsonValue {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.nested(() => this.object());
    if (ch === '[') return this.nested(() => this.array());
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    const literal = ch === 't' ? 'true' : ch === 'f' ? 'false' : ch === 'n' ? 'null' : undefined;
    if (literal !== undefined && this.text.startsWith(literal, this.pos)) {
      this.pos += literal.length;
      return literal === 'null' ? null : literal === 'true';
    }
    if (literal !== undefined && literal.startsWith(this.text.slice(this.pos))) {
      this.fail(`incomplete ${literal}`, this.pos, this.text.length);
    }
    return this.fail(`unexpected ${this.describe()}, expected a JSON value`);
  }

  private nested(parse: () => JsonValue): JsonValue {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
    const v = parse();
    this.depth--;
    return v;
  }

  private object(): JsonValue {
    this.pos++;
    const out: { [key: string]: JsonValue } = {};
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"')
        this.fail(`expected a quoted field name but found ${this.describe()}`);
      const key = this.string();
      this.expect(':');
      const value = this.value();
      // A key named __proto__ must stay a plain field, not replace the prototype.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[key] = value;
      }
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return out;
      if (next !== ',')
        this.fail(
          `expected "," or "}" but found ${next === undefined ? 'end of input' : JSON.stringify(next)}`,
          this.pos - 1,
        );
    }
  }

  private array(): JsonValue {
    this.pos++;
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return out;
      if (next !== ',')
        this.fail(
          `expected "," or "]" but found ${next === undefined ? 'end of input' : JSON.stringify(next)}`,
          this.pos - 1,
        );
    }
  }

  private string(): string {
    const start = this.pos;
    // Fast path: most strings have no escapes, so find the closing quote and slice.
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return this.text.slice(start + 1, i);
      }
      if (c === 92 || c < 32) break;
    }
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string', start, this.text.length);
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch < ' ') this.fail('control character in string; escape it');
      if (ch === '\\') {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          const hex = this.text.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex))
            this.fail('invalid \\u escape', this.pos, this.pos + 6);
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 6;
          continue;
        }
        const mapped = esc === undefined ? undefined : ESCAPES[esc];
        if (mapped === undefined)
          this.fail(`invalid escape \\${esc ?? ''}`, this.pos, this.pos + 1);
        out += mapped;
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private number(): JsonValue {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail('invalid number', start, start + 1);
    const end = start + match[0].length;
    if (/[.eE]/.test(this.text[end] ?? '')) {
      // "1." or "1e": malformed, or cut short by the end of the text so far.
      let scanned = end;
      while (scanned < this.text.length && /[0-9eE.+-]/.test(this.text[scanned] as string))
        scanned++;
      this.fail('invalid number', start, scanned);
    }
    this.pos = end;
    const n = Number(match[0]);
    const integer = match[2] === undefined && match[3] === undefined;
    return integer && !Number.isSafeInteger(n) ? match[0] : n;
  }
}
