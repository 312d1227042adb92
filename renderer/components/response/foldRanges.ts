// Fold ranges of pretty-printed JSON (JSON.stringify(v, null, 2)), found in one pass over its
// lines. In that text every object or array that spans lines opens at the end of a line and
// closes at the start of its own line, and strings never hold a raw newline — so brackets can be
// matched line by line without a parser. A JSON parser (lezer) must read a 5 MB string token
// whole before the first paint; this pass costs a few milliseconds however big the values are.

/** Fold ranges keyed by the offset where the opening line starts: from after the bracket to the closer. */
export type FoldMap = Map<number, { from: number; to: number }>;

export function prettyJsonFolds(text: string): FoldMap {
  const folds: FoldMap = new Map();
  const open: { lineStart: number; from: number }[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const first = text.charCodeAt(i);
    // A closer first: "}," or "]" ends the block opened earlier (a line like "}, {" never occurs).
    if ((first === 125 || first === 93) && open.length > 0) {
      const o = open.pop()!;
      folds.set(o.lineStart, { from: o.from, to: i });
    }
    const last = text.charCodeAt(end - 1);
    if (
      end > i &&
      (last === 123 || last === 91) &&
      !(end - 1 === i && (first === 125 || first === 93))
    )
      open.push({ lineStart: start, from: end });
    start = end + 1;
  }
  return folds;
}
