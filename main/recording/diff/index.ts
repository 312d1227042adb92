export {
  diffRecordings,
  DEFAULT_IGNORE,
  type DiffOptions,
  type DiffSummary,
  type MessageDifference,
  type StreamCounts,
  type MessageSide,
} from './recording-diff.js';
export { formatDiffSummary } from './format-summary.js';
export { diffJson, type FieldDifference } from './json-diff.js';
export { ignoreMatcher, splitPath, formatPath, type IgnoreMatcher } from './ignore-paths.js';
