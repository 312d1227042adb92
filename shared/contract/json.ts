// The contract's names for the one JSON-value check (shared/json).
export { jsonProblem } from '../json/json-problem.js';
export { JsonValueSchema as jsonValueSchema } from '../json/json-value-schema.js';
