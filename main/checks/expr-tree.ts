// Walking a parsed CEL tree (the protobuf-es form @bufbuild/cel's parse() returns), without
// recursion: the depth check must not overflow the stack on the very trees it refuses.
import type { parse } from '@bufbuild/cel';

export type ParsedExpr = ReturnType<typeof parse>;
export type Expr = ParsedExpr['expr'];

/** The direct sub-expressions of a node. */
export function childrenOf(node: Expr): Expr[] {
  const kind = node.exprKind;
  switch (kind.case) {
    case 'selectExpr':
      return kind.value.operand ? [kind.value.operand] : [];
    case 'callExpr':
      return [...(kind.value.target ? [kind.value.target] : []), ...kind.value.args];
    case 'listExpr':
      return [...kind.value.elements];
    case 'structExpr':
      return kind.value.entries.flatMap((entry) => [
        ...(entry.keyKind.case === 'mapKey' ? [entry.keyKind.value] : []),
        ...(entry.value ? [entry.value] : []),
      ]);
    case 'comprehensionExpr': {
      const c = kind.value;
      return [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result].filter(
        (e): e is Expr => e !== undefined,
      );
    }
    default:
      return [];
  }
}

/** Every node with its depth (the root is 1), stopping at the first deeper than `maxDepth`. */
export function walk(
  root: Expr,
  maxDepth: number,
  visit: (node: Expr, depth: number) => void,
): { tooDeep?: Expr } {
  const stack: [Expr, number][] = [[root, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > maxDepth) return { tooDeep: node };
    visit(node, depth);
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return {};
}
