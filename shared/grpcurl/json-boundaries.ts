// Finds where JSON values end in text that arrives in pieces, looking at each character once.
// It does not build values: the parser does that once a value is whole, so a message of any size
// costs time linear in its length however finely it is cut (re-parsing the growing text on
// every piece was quadratic: 8 MB through -d @ took seconds).

/** What a character means to the scanner, outside strings. */
const SPACE = 1;
const OPEN = 2;
const CLOSE = 3;
const QUOTE = 4;
/** Part of a number or of true/false/null, or a comma or colon between members. */
const TOKEN = 5;
/** Never valid outside a string: the parser is asked at once, so it reports the error now. */
const INVALID = 0;

const KIND = new Uint8Array(128);
for (const c of ' \t\n\r') KIND[c.charCodeAt(0)] = SPACE;
for (const c of '{[') KIND[c.charCodeAt(0)] = OPEN;
for (const c of '}]') KIND[c.charCodeAt(0)] = CLOSE;
KIND['"'.charCodeAt(0)] = QUOTE;
for (const c of '0123456789-+.eE,:truefalsn') KIND[c.charCodeAt(0)] = TOKEN;

const BACKSLASH = 92;
const QUOTE_CODE = 34;
const OPEN_BRACE = 123;
const COMMA = 44;
const COLON = 58;
const CLOSE_BRACE = 125;

/** The parser's limit: anything deeper is handed to the parser at once, which refuses it. */
const MAX_SCAN_DEPTH = 1000;

/**
 * The state of a scan between pieces: how deep in objects and arrays, whether inside a string or
 * a top-level number or literal. Each call to scan() continues where the last one stopped.
 */
export class JsonBoundaryScanner {
  /** Open brackets, innermost last ('{' or '['), as char codes. */
  private readonly open: number[] = [];
  private inString = false;
  private escaped = false;
  /** Inside a number or literal at the top level: it ends at the first character not part of it. */
  private inScalar = false;

  /** Nothing has been started that is not finished. */
  get between(): boolean {
    return this.open.length === 0 && !this.inString && !this.inScalar;
  }

  /**
   * Scans `piece`. Returns the offsets just past each top-level value completed in it, and
   * whether the scan stopped at a character that cannot be valid JSON (its offset + 1 is then
   * the last end: the caller parses up to it, and the parser says what is wrong and where).
   */
  scan(piece: string): { ends: number[]; invalid: boolean } {
    const ends: number[] = [];
    const open = this.open;
    let inString = this.inString;
    let escaped = this.escaped;
    let inScalar = this.inScalar;
    let invalid = false;
    const length = piece.length;
    for (let i = 0; i < length; i++) {
      let c = piece.charCodeAt(i);
      if (inString) {
        // Most of a large message is string content: run through it in a tight loop.
        if (escaped) {
          escaped = false;
          continue;
        }
        while (c !== QUOTE_CODE && c !== BACKSLASH && c >= 32 && ++i < length)
          c = piece.charCodeAt(i);
        if (i === length) break;
        if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE_CODE) {
          inString = false;
          if (open.length === 0) ends.push(i + 1);
        } else {
          ends.push(i + 1);
          invalid = true;
          break;
        }
        continue;
      }
      const kind = c < 128 ? (KIND[c] as number) : INVALID;
      if (inScalar) {
        if (kind === TOKEN && c !== COMMA && c !== COLON) continue;
        // The number or literal ended just before this character, which starts what follows.
        inScalar = false;
        ends.push(i);
      }
      if (kind === SPACE) continue;
      if (kind === QUOTE) inString = true;
      else if (kind === OPEN) {
        open.push(c);
        if (open.length > MAX_SCAN_DEPTH) invalid = true;
      } else if (kind === CLOSE) {
        const opener = open.pop();
        if (opener === undefined || (opener === OPEN_BRACE) !== (c === CLOSE_BRACE)) invalid = true;
        else if (open.length === 0) ends.push(i + 1);
      } else if (kind === TOKEN) {
        // A comma or colon between top-level values is an error; anything else starts one.
        if (open.length === 0) {
          if (c === COMMA || c === COLON) invalid = true;
          else inScalar = true;
        }
      } else invalid = true;
      if (invalid) {
        ends.push(i + 1);
        break;
      }
    }
    this.inString = inString;
    this.escaped = escaped;
    this.inScalar = inScalar;
    return { ends, invalid };
  }
}
