/** 1-based line of the first match of `pattern` in `source`, if any. */
export function lineOf(source: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(source);
  if (!m) return undefined;
  let line = 1;
  for (let i = 0; i < m.index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
