// The engine refuses a document with an invalid expression (main/checks/problems.ts): a
// WorkbenchError('invalid_input') whose details list each problem with its field path
// (`assertions[2].expr`) and position. This reads them back from the error that crossed the wire.

export interface CheckProblem {
  /** `assertions[2].expr`, `captures[0].expr`. */
  path: string;
  line: number;
  column: number;
  message: string;
}

const isProblem = (p: unknown): p is CheckProblem => {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.path === 'string' &&
    /^(assertions|captures)\[\d+\]\.expr$/.test(o.path) &&
    typeof o.line === 'number' &&
    typeof o.column === 'number' &&
    typeof o.message === 'string'
  );
};

/** The refused expressions an error names, or null when it is not such a refusal. */
export function refusedChecks(error: unknown): CheckProblem[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const details = (error as { details?: unknown }).details;
  if (typeof details !== 'object' || details === null) return null;
  const problems = (details as { problems?: unknown }).problems;
  if (!Array.isArray(problems)) return null;
  const ok = problems.filter(isProblem);
  return ok.length > 0 ? ok : null;
}

/** The field path of an assertion's or capture's expression. */
export const exprPath = (list: 'assertions' | 'captures', index: number): string =>
  `${list}[${index}].expr`;

/** The offset in `text` of a 1-based line:column, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length - 1); i++)
    offset += (lines[i]?.length ?? 0) + 1;
  const here = lines[Math.min(line - 1, lines.length - 1)] ?? '';
  return Math.min(offset + Math.max(0, Math.min(column - 1, here.length)), text.length);
}
