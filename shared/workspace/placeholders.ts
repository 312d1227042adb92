// Finding `{{name}}` placeholders in a text and replacing them: the one scanner and the one
// substitution the engine uses (main/workspace/variables/template.ts), the renderer's forms use to
// tell a value that is checked only after substitution from one that is wrong as typed, and
// "Copy as grpcurl" uses to resolve plain variables. Pure, no I/O. Substitution inserts values
// literally: nothing is evaluated and a value is never scanned again.
//
// Placeholders are found by a hand-written scanner, not a regular expression: the pattern it
// replaces (`\{\{\s*([^{}]*?)\s*\}\}`) backtracked cubically, so `{{` and a few thousand spaces in
// a saved request froze the engine for minutes. The scanner looks at each character a bounded
// number of times, whatever the input.

/** What counts as a variable name; anything else between braces stays literal text. */
export const VARIABLE_NAME = /^\$?[A-Za-z_][A-Za-z0-9_.-]*$/;

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

/** One `{{ … }}` in a text: where it is and what is between the braces, trimmed. */
export interface Placeholder {
  start: number;
  end: number;
  inner: string;
}

/** The first `{` or `}` at or after `from`, or the text's length when there is none. */
function firstBrace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN || c === CLOSE) return i;
  }
  return text.length;
}

/**
 * Every placeholder, left to right, with the old pattern's meaning: `{{`, then text without braces,
 * then `}}`. A `{{` whose first brace after it is not `}}` is no placeholder, and the search goes on
 * (so `{{{x}}` holds the placeholder `{{x}}`). Whether `inner` is a name is the caller's test.
 */
export function scanPlaceholders(text: string, found: (placeholder: Placeholder) => void): void {
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start < 0) return;
    const brace = firstBrace(text, start + 2);
    if (brace === text.length) return; // no brace left: nothing further can close
    if (text.charCodeAt(brace) === CLOSE) {
      if (text.charCodeAt(brace + 1) === CLOSE) {
        found({ start, end: brace + 2, inner: text.slice(start + 2, brace).trim() });
        from = brace + 2;
      } else {
        from = brace + 1; // a lone `}`: no `{{` before it can reach past it
      }
      continue;
    }
    // A `{` ends this try. Of a run of `{`, only its last two can open a placeholder, so the
    // search resumes there; everything skipped is looked at once, which keeps the scan linear.
    let end = brace;
    while (text.charCodeAt(end) === OPEN) end++;
    from = Math.max(start + 1, end - 2);
  }
}

/** Every variable name a text refers to (for "which variables does this request need"). */
export function variableNames(text: string): string[] {
  const names: string[] = [];
  if (!text.includes('{{')) return names;
  scanPlaceholders(text, ({ inner }) => {
    if (VARIABLE_NAME.test(inner)) names.push(inner);
  });
  return names;
}

/** Whether the engine would substitute something in this text (given a value for the name). */
export function hasPlaceholder(text: string): boolean {
  return variableNames(text).length > 0;
}

/** A variable's value, or undefined when it has none (the placeholder then stays as written). */
export type VariableLookup = (name: string) => string | undefined;

export interface SubstituteResult {
  text: string;
  /** Names used but without a value. */
  unknown: string[];
}

/** `text` with every placeholder whose name `lookup` knows replaced by its value. */
export function substituteText(text: string, lookup: VariableLookup): SubstituteResult {
  const unknown: string[] = [];
  if (!text.includes('{{')) return { text, unknown };
  const parts: string[] = [];
  let copied = 0;
  scanPlaceholders(text, ({ start, end, inner }) => {
    if (!VARIABLE_NAME.test(inner)) return;
    const value = lookup(inner);
    if (value === undefined) {
      unknown.push(inner);
      return;
    }
    parts.push(text.slice(copied, start), value);
    copied = end;
  });
  if (copied === 0) return { text, unknown };
  parts.push(text.slice(copied));
  return { text: parts.join(''), unknown };
}
