// CEL's evaluation errors in a user's words, with the part of the expression they came from.
import type { CelError } from '@bufbuild/cel';
import type { CompiledExpression } from './compile.js';
import { sourceSpan } from './source-span.js';

const TYPE_HINT =
  ' (int64 fields are strings in proto3 JSON: compare int(x) or num(x) with a number)';

function operatorOf(name: string): string {
  const op = /^_(.+)_$/.exec(name)?.[1];
  return op === undefined ? `${name}()` : `"${op}"`;
}

function words(message: string): string {
  const field = /^field not found: (.*)$/.exec(message);
  if (field) return `no such key "${field[1]}"`;
  const overload = /^found no matching overload for '([^']+)' applied to '(.*)'$/.exec(message);
  if (overload) {
    const [, name = '', types = ''] = overload;
    const mixesTextAndNumber = /string/.test(types) && /int|double/.test(types);
    return `type mismatch: ${operatorOf(name)} does not apply to ${types.replace(/^\.?\(|\)$/g, '')}${mixesTextAndNumber ? TYPE_HINT : ''}`;
  }
  if (message === 'unresolved attribute') return 'a name has no value';
  return message;
}

function whereOf(error: CelError, compiled: CompiledExpression): string | undefined {
  if (error.exprId === undefined) return undefined;
  const node = compiled.nodes.get(Number(error.exprId));
  if (!node) return undefined;
  // The span as the user wrote it: the tree was rewritten (metering) and would read otherwise.
  const text = sourceSpan(compiled.text, node, compiled.parsed.sourceInfo?.positions ?? {});
  if (text === undefined) return undefined;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** `shownAt`: the text the error is shown beside (a path), not repeated as its place. */
export function describeCelError(
  error: CelError,
  compiled: CompiledExpression,
  shownAt = compiled.text,
): string {
  const where = whereOf(error, compiled);
  const said = words(error.message);
  return where !== undefined && where !== shownAt ? `${said} (in ${where})` : said;
}
