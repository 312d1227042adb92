// Compiling one expression: bounded text, parsed once and kept by its text, planned against the
// metered environment. A problem says what and where (line:column in the expression).
import { parse, plan, type CelResult, type CelInput } from '@bufbuild/cel';
import { MAX_EXPRESSION_LENGTH } from '../../shared/request/checks.js';
import { checksEnv, MADE_FUNCTION, RANGE_FUNCTION, STEP_FUNCTION } from './env.js';
import { walk, type Expr, type ParsedExpr } from './expr-tree.js';
import { COMPILE_CACHE_SIZE, MAX_BRACKET_DEPTH, MAX_TREE_DEPTH } from './limits.js';
import { positionAt, tooDeepBracket, type TextPosition } from './text-position.js';

/** What an expression can name: the call's result (evaluate.ts binds them). */
export const ROOT_NAMES = [
  'status',
  'headers',
  'trailers',
  'response',
  'messages',
  'message',
  'durationMs',
  'request',
] as const;
export type RootName = (typeof ROOT_NAMES)[number];

/** CEL's type names, usable as values (`type(x) == int`). */
const TYPE_NAMES = new Set(['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map']);
TYPE_NAMES.add('null_type').add('type').add('dyn');

export interface CompileProblem extends TextPosition {
  message: string;
}

export type Bindings = Partial<Record<RootName, CelInput>>;

export interface CompiledExpression {
  text: string;
  /** The call-result names it refers to. */
  roots: ReadonlySet<RootName>;
  /** Runs it; the caller holds the meter (meter.ts). */
  run(bindings: Bindings): CelResult;
  /** Where an expression node (by id) is in the text, for errors at evaluation. */
  nodes: ReadonlyMap<number, Expr>;
  parsed: ParsedExpr;
}

export type CompileResult =
  { ok: true; compiled: CompiledExpression } | { ok: false; problem: CompileProblem };

function problemAt(text: string, offset: number, message: string): CompileResult {
  return { ok: false, problem: { ...positionAt(text, offset), message } };
}

function offsetOf(parsed: ParsedExpr, node: Expr): number {
  return parsed.sourceInfo?.positions[String(node.id)] ?? 0;
}

/** The parser's position, and its words without their `<input>:1:3:` prefix. */
function parseProblem(text: string, error: unknown): CompileResult {
  if (error instanceof RangeError) return problemAt(text, 0, 'the expression is nested too deeply');
  const location = (error as { location?: { start?: TextPosition & { offset?: number } } }).location
    ?.start;
  const said = String((error as Error).message ?? error).replace(/^<input>:\d+:\d+: /, '');
  if (!location) return problemAt(text, 0, `syntax error: ${said}`);
  const near = (text.slice(location.offset ?? 0).split('\n')[0] ?? '').slice(0, 30).trimEnd();
  // The parser's "found = but expecting end of input" says no more than the place does.
  const detail = /expecting end of input$/.test(said) ? '' : ` (${said})`;
  return {
    ok: false,
    problem: {
      line: location.line,
      column: location.column,
      message: `syntax error near "${near}"${detail}`,
    },
  };
}

function boundText(text: string): CompileResult | undefined {
  if (text.trim() === '') return problemAt(text, 0, 'the expression is empty');
  if (text.length > MAX_EXPRESSION_LENGTH)
    return problemAt(text, 0, `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const deep = tooDeepBracket(text, MAX_BRACKET_DEPTH);
  if (deep !== undefined)
    return problemAt(text, deep, `brackets nested more than ${MAX_BRACKET_DEPTH} deep`);
  return undefined;
}

/** Comprehension variables (`m` in `messages.all(m, …)`) are names an expression may use. */
function boundNames(node: Expr, into: Set<string>): void {
  if (node.exprKind.case !== 'comprehensionExpr') return;
  const c = node.exprKind.value;
  into.add(c.iterVar).add(c.accuVar);
  if (c.iterVar2) into.add(c.iterVar2);
}

/** A call of one of env.ts's metering functions around `inner`, keeping its id (and so its place). */
function metered(name: string, inner: Expr, units?: number): Expr {
  const args: unknown[] = [inner];
  if (units !== undefined) {
    const constant = {
      $typeName: 'cel.expr.Constant',
      constantKind: { case: 'int64Value', value: BigInt(units) },
    };
    args.push({
      $typeName: 'cel.expr.Expr',
      id: inner.id,
      exprKind: { case: 'constExpr', value: constant },
    });
  }
  const call = {
    $typeName: 'cel.expr.Expr',
    id: inner.id,
    exprKind: {
      case: 'callExpr',
      value: { $typeName: 'cel.expr.Expr.Call', function: name, args },
    },
  };
  return call as unknown as Expr;
}

/** How many nodes a subtree has: the work of evaluating it once, calls and loops aside. */
function sizeOf(root: Expr | undefined): number {
  let count = 0;
  if (root) walk(root, Number.POSITIVE_INFINITY, () => count++);
  return count;
}

/**
 * Each comprehension is charged at every step for the nodes its condition and step evaluate
 * (`true && true && …` calls nothing, yet costs its length at every step), and for the copy of its
 * range when it starts (env.ts).
 */
function meterLoop(node: Expr): void {
  if (node.exprKind.case !== 'comprehensionExpr') return;
  const c = node.exprKind.value;
  const perStep = sizeOf(c.loopCondition) + sizeOf(c.loopStep);
  if (c.loopCondition) c.loopCondition = metered(STEP_FUNCTION, c.loopCondition, perStep);
  if (c.iterRange) c.iterRange = metered(RANGE_FUNCTION, c.iterRange);
}

/**
 * Each list or map literal is charged by its items every time it is made (env.ts): the node
 * becomes a call around a copy of itself, so its parent needs no change.
 */
function meterLiteral(node: Expr, nodes: Map<number, Expr>): void {
  if (node.exprKind.case !== 'listExpr' && node.exprKind.case !== 'structExpr') return;
  const literal = { ...node } as Expr;
  nodes.set(Number(node.id), literal); // errors show the literal, not the wrapper
  node.exprKind = {
    case: 'callExpr',
    value: { $typeName: 'cel.expr.Expr.Call', function: MADE_FUNCTION, args: [literal] },
  } as unknown as Expr['exprKind'];
}

/** A name a user writes (`size`, `startsWith`), not an operator's (`_+_`, `@in`, `!_`). */
const WRITTEN_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Why a call cannot run in this environment (no function of its name, or none taking that many
 * arguments), found at compile time so it is reported at save, not at run only.
 */
function unknownCall(node: Expr): string | undefined {
  if (node.exprKind.case !== 'callExpr') return undefined;
  const call = node.exprKind.value;
  if (!WRITTEN_NAME.test(call.function)) return undefined;
  const isMethod = call.target !== undefined;
  const written = isMethod ? `.${call.function}()` : `${call.function}()`;
  const group = checksEnv.funcs.find(call.function);
  if (!group) return `unknown function ${written}`;
  const overloads = [...group].filter((f) => (f.target !== undefined) === isMethod);
  if (overloads.length === 0)
    return isMethod
      ? `${call.function} is not a method: write ${call.function}(x), not x.${call.function}()`
      : `${call.function} is a method: write x.${call.function}(…), not ${call.function}(x)`;
  if (overloads.some((f) => f.arguments.length === call.args.length)) return undefined;
  const counts = [...new Set(overloads.map((f) => f.arguments.length))].sort((a, b) => a - b);
  return `${written} takes ${counts.join(' or ')} argument${counts.join() === '1' ? '' : 's'}, not ${call.args.length}`;
}

function compileParsed(text: string, parsed: ParsedExpr): CompileResult {
  const nodes = new Map<number, Expr>();
  const idents: Expr[] = [];
  const bound = new Set<string>();
  let badCall: { node: Expr; message: string } | undefined;
  const { tooDeep } = walk(parsed.expr, MAX_TREE_DEPTH, (node) => {
    nodes.set(Number(node.id), node);
    if (node.exprKind.case === 'identExpr') idents.push(node);
    boundNames(node, bound);
    const message = badCall ? undefined : unknownCall(node);
    if (message) badCall = { node, message };
  });
  if (tooDeep)
    return problemAt(
      text,
      offsetOf(parsed, tooDeep),
      `the expression is nested more than ${MAX_TREE_DEPTH} levels deep`,
    );
  if (badCall) return problemAt(text, offsetOf(parsed, badCall.node), badCall.message);
  const roots = new Set<RootName>();
  for (const ident of idents) {
    const name = ident.exprKind.case === 'identExpr' ? ident.exprKind.value.name : '';
    if (bound.has(name) || TYPE_NAMES.has(name)) continue;
    if (!(ROOT_NAMES as readonly string[]).includes(name))
      return problemAt(
        text,
        offsetOf(parsed, ident),
        `unknown name "${name}" (an expression can use ${ROOT_NAMES.join(', ')})`,
      );
    roots.add(name as RootName);
  }
  for (const node of [...nodes.values()]) {
    meterLoop(node);
    meterLiteral(node, nodes);
  }
  let run: CompiledExpression['run'];
  try {
    run = plan(checksEnv, parsed) as CompiledExpression['run'];
  } catch (error) {
    return problemAt(text, 0, (error as Error).message);
  }
  return { ok: true, compiled: { text, roots, run, nodes, parsed } };
}

function compileUncached(text: string): CompileResult {
  const refused = boundText(text);
  if (refused) return refused;
  let parsed: ParsedExpr;
  try {
    parsed = parse(text);
  } catch (error) {
    return parseProblem(text, error);
  }
  return compileParsed(text, parsed);
}

const cache = new Map<string, CompileResult>();

/** Parsed and planned once per distinct text (the most recent COMPILE_CACHE_SIZE are kept). */
export function compileExpression(text: string): CompileResult {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit); // most recently used last
    return hit;
  }
  const result = compileUncached(text);
  cache.set(text, result);
  if (cache.size > COMPILE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}
