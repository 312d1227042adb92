// Line and column (1-based) of an offset in an expression, for problems a user can find.

export interface TextPosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The first bracket that opens deeper than `max` (outside string literals), or undefined. Checked
 * before parsing: the parser recurses per level and would overflow the stack on deep nesting.
 */
export function tooDeepBracket(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = endOfString(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Index of the closing quote of the string literal starting at `start` (or the text's end). */
function endOfString(text: string, start: number): number {
  const quote = text[start] ?? '"';
  const triple = text.startsWith(quote.repeat(3), start);
  const raw = start > 0 && /[rR]/.test(text[start - 1] ?? '');
  const close = triple ? quote.repeat(3) : quote;
  for (let i = start + close.length; i < text.length; i++) {
    if (text[i] === '\\' && !raw) {
      i++;
      continue;
    }
    if (!triple && text[i] === '\n') return i;
    if (text.startsWith(close, i)) return i + close.length - 1;
  }
  return text.length;
}
