// Completion in an assertion's or capture's expression: the names an expression sees (main/checks
// bindings) and the CEL macros most used on them.
import { EditorState, type Extension } from '@codemirror/state';
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';

const NAMES: { label: string; info: string }[] = [
  { label: 'status.code', info: 'gRPC status code (0 is OK)' },
  { label: 'status.name', info: 'status name: OK, NOT_FOUND, …' },
  { label: 'status.message', info: 'the status message' },
  { label: 'status.details', info: 'the rich error details' },
  { label: 'headers', info: 'response headers: lowercase key → last value' },
  { label: 'trailers', info: 'response trailers: lowercase key → last value' },
  { label: 'response', info: 'the response message (unary and client stream), proto3 JSON' },
  { label: 'messages', info: 'every message received, in order' },
  { label: 'message', info: 'each message: the assertion runs once per message' },
  { label: 'durationMs', info: 'how long the call took, in ms' },
  { label: 'request', info: 'the request: request.message, request.messages' },
  { label: 'size()', info: 'messages.size() == 5' },
  { label: 'all(m, …)', info: 'messages.all(m, m.level != "ERROR")' },
  { label: 'exists(m, …)', info: 'messages.exists(m, m.id == "42")' },
  { label: 'num(x)', info: 'a number from an int64 string' },
];

function complete(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[\w.]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  return {
    from: word.from,
    options: NAMES.map((n) => ({ label: n.label, info: n.info, type: 'variable' })),
    validFor: /^[\w.]*$/,
  };
}

/** The expression editors' extensions: the names above offered as one types. */
export const expressionCompletion: Extension = EditorState.languageData.of(() => [
  { autocomplete: complete },
]);
