// The text of a node as the user wrote it: compile.ts rewrites trees (metering calls around
// literals and loops), so an error quotes the original expression's span, not an unparse of the
// rewritten tree. The parser keeps one offset per node (where its token is); a node's span runs
// from the first offset in its subtree to the end of the last token, closing every bracket it opened.
import { walk, type Expr } from './expr-tree.js';

const OPENERS = '([{';
const CLOSERS = ')]}';

/** The end of the token starting at `at`: a quoted string, a name or number, or one character. */
function tokenEnd(text: string, at: number): number {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote) return i + 1;
    }
    return text.length;
  }
  const word = /^[A-Za-z0-9_.]+/.exec(text.slice(at));
  return at + (word ? word[0].length : 1);
}

/** Brackets opened in text[start, end) and not closed there (strings skipped). */
function unclosed(text: string, start: number, end: number): number {
  let open = 0;
  for (let i = start; i < end; i++) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'") i = tokenEnd(text, i) - 1;
    else if (OPENERS.includes(c)) open++;
    else if (CLOSERS.includes(c)) open--;
  }
  return open;
}

/** The node's text in `text`, or undefined when the parser kept no offsets for it. */
export function sourceSpan(
  text: string,
  node: Expr,
  positions: Readonly<Record<string, number>>,
): string | undefined {
  let start = Number.POSITIVE_INFINITY;
  let last = -1;
  walk(node, Number.POSITIVE_INFINITY, (n) => {
    const at = positions[String(n.id)];
    if (at === undefined) return;
    start = Math.min(start, at);
    last = Math.max(last, at);
  });
  if (last < 0) return undefined;
  let end = tokenEnd(text, last);
  for (let open = unclosed(text, start, end); open > 0 && end < text.length; end++) {
    const c = text[end] ?? '';
    if (c === '"' || c === "'") end = tokenEnd(text, end) - 1;
    else if (OPENERS.includes(c)) open++;
    else if (CLOSERS.includes(c)) open--;
  }
  return text.slice(start, end).trim();
}
