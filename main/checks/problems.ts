// Save-time checking: every expression of a document compiled, each problem with its field path
// (`assertions[2].expr`) and position (line:column in the expression).
import type { Assertion, Capture } from '../../shared/request/checks.js';
import { WorkbenchError } from '../../shared/contract/errors.js';
import { madeOnce } from '../../shared/json/frozen-json.js';
import { compileExpression } from './compile.js';

export interface CheckProblem {
  /** `assertions[2].expr`, `captures[0].expr`. */
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckedDocument {
  assertions?: readonly Assertion[] | undefined;
  captures?: readonly Capture[] | undefined;
}

export function compileChecks(document: CheckedDocument): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const check = (expr: string, list: string, index: number): void => {
    const result = compileExpression(expr);
    if (!result.ok) problems.push({ path: `${list}[${index}].expr`, ...result.problem });
  };
  document.assertions?.forEach((a, i) => check(a.expr, 'assertions', i));
  document.captures?.forEach((c, i) => check(c.expr, 'captures', i));
  return problems;
}

/**
 * The problems of each deeply frozen document (a saved request shared while its file is
 * unchanged: frozen-json.ts): a run reads each request it sends, and checks it on every read;
 * such a document cannot change, so it is checked once.
 */
const problemsOfFrozen = new WeakMap<object, readonly CheckProblem[]>();

export function describeProblem(p: CheckProblem): string {
  return `${p.path} at ${p.line}:${p.column}: ${p.message}`;
}

/**
 * Refuses a document with an invalid expression, naming `where` (the request file), the field
 * path and the position of each (at most five), so it is fixed before it is saved or run. `where`
 * may be a function: a reader checking every document it reads then works the file's name out
 * (a realpath) only for the rare document that has a problem.
 */
export function refuseInvalidChecks(
  document: CheckedDocument,
  whereOf: string | (() => string),
): void {
  if (!document.assertions?.length && !document.captures?.length) return;
  const problems = madeOnce(problemsOfFrozen, document, compileChecks);
  if (problems.length === 0) return;
  const where = typeof whereOf === 'string' ? whereOf : whereOf();
  throw new WorkbenchError(
    'invalid_input',
    `${where}: invalid expression${problems.length === 1 ? '' : 's'}: ${problems.slice(0, 5).map(describeProblem).join('; ')}`,
    { file: where, problems: [...problems] },
  );
}
