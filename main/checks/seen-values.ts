// What a failing assertion saw: each path into the call's result it names (`response.user.age`,
// `headers["x-request-id"]`, `message.level`), with its value, so a report can say
// `response.user.age = 17` instead of only "false".
import { isCelError, plan, unparse } from '@bufbuild/cel';
import type { Bindings, CompiledExpression, RootName } from './compile.js';
import { ROOT_NAMES } from './compile.js';
import { checksEnv } from './env.js';
import type { Expr } from './expr-tree.js';
import { childrenOf } from './expr-tree.js';
import { SHOWN_VALUE_LENGTH } from './limits.js';
import { Meter, withMeter } from './meter.js';
import { shownText } from './values.js';
import { describeCelError } from './error-words.js';

export interface SeenValue {
  /** The path as written in the expression. */
  path: string;
  /** Its value as JSON text (cut past 200 characters), or why it has none in words. */
  value: string;
}

/** Paths to show per expression, worked out once. */
const pathsOf = new WeakMap<CompiledExpression, Expr[]>();

function isPath(node: Expr): boolean {
  const kind = node.exprKind;
  if (kind.case === 'identExpr') return (ROOT_NAMES as readonly string[]).includes(kind.value.name);
  if (kind.case === 'selectExpr')
    return !kind.value.testOnly && kind.value.operand !== undefined && isPath(kind.value.operand);
  if (kind.case === 'callExpr' && kind.value.function === '_[_]') {
    const [on, key] = kind.value.args;
    return on !== undefined && key?.exprKind.case === 'constExpr' && isPath(on);
  }
  return false;
}

function collectPaths(node: Expr, into: Expr[]): void {
  if (isPath(node)) {
    into.push(node);
    return;
  }
  for (const child of childrenOf(node)) collectPaths(child, into);
}

function pathsIn(compiled: CompiledExpression): Expr[] {
  let paths = pathsOf.get(compiled);
  if (!paths) {
    const all: Expr[] = [];
    collectPaths(compiled.parsed.expr, all);
    const seen = new Set<string>();
    paths = all.filter((p) => {
      const text = unparse(p);
      if (seen.has(text)) return false;
      seen.add(text);
      return true;
    });
    pathsOf.set(compiled, paths);
  }
  return paths;
}

/** Each path's value under these bindings (its own small budget: a path is a lookup). */
export function seenValues(compiled: CompiledExpression, bindings: Bindings): SeenValue[] {
  return pathsIn(compiled).map((node) => {
    const path = unparse(node);
    const root = path.match(/^[A-Za-z]+/)?.[0] as RootName | undefined;
    if (root !== undefined && bindings[root] === undefined) return { path, value: '(no value)' };
    const value = withMeter(new Meter(10_000), () => plan(checksEnv, node)(bindings));
    return {
      path,
      value: isCelError(value)
        ? `(${describeCelError(value, compiled, path)})`
        : shownText(value, SHOWN_VALUE_LENGTH),
    };
  });
}
