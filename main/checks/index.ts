// Checks: a request's assertions and captures (issue 15), evaluated with CEL (@bufbuild/cel).
//
// The API (engine and runner use only this):
//   compileChecks(doc) → CheckProblem[]          save-time check: `{path: "assertions[2].expr",
//                                                 line, column, message}` per invalid expression
//   refuseInvalidChecks(doc, where)               throws a WorkbenchError('invalid_input') naming
//                                                 `where` (the file), the paths and positions
//   callResultFromLog(events, received?)          a call's kept events (KeptEvents: the first
//       → CallResult                              100,000 messages, all counted) → what checks see;
//                                                 the engine's checks observer judges UI calls and
//                                                 runs alike, an expression over messages of a call
//                                                 that received more fails saying so
//   evaluateChecks(doc, callResult) → CheckResults
//       {passed, assertions: [{index, expr, name?, passed, error?, messageNumber?, seen?}],
//        captures: [{index, name, secret, value?, error?}]}  — never throws for a bad expression
//        or a bad value: each becomes a failed result with the reason in words. `seen` lists
//        each path the assertion names with the value it saw (`response.user.age` → `17`).
//        Capture values are RAW here (secrets too): mask before showing or keeping them.
//   applyCaptures(scope, results.captures)        puts the captured values into a scope (a failed
//                                                 capture removes the name: no stale value is sent)
//   CaptureScope                                  captured values (name → value, secret flag);
//                                                 `view()` is what a renderer may see.
//
// Expressions see: status {code, name, message, details}, headers, trailers (lowercase key →
// LAST value), response (unary and client-stream calls), messages (every kind), message (an
// assertion naming it runs once per received message and fails at the first failing one, with
// its number), durationMs, request {messages, message}. Messages are proto3 JSON (int64 as
// strings, enums by name); num(x) and the mixed int/double arithmetic are in functions.ts.
// Limits (limits.ts): 4 KiB per expression, brackets 32 deep, tree 128 deep, and a work budget
// per evaluation charged by every function call and every comprehension step.
export { callResultFromLog, type CallResult } from './call-result.js';
export {
  evaluateChecks,
  type AssertionResult,
  type CaptureResult,
  type CheckResults,
  type ChecksDocument,
  type SeenValue,
} from './evaluate.js';
export {
  compileChecks,
  describeProblem,
  refuseInvalidChecks,
  type CheckProblem,
} from './problems.js';
export {
  CaptureScope,
  MAX_CAPTURED_VALUE_LENGTH,
  type CapturedValue,
  type CapturedView,
} from './capture-scope.js';
export { applyCaptures } from './apply-captures.js';
