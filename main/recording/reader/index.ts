export { lineBatches, type Line, type LineBatch } from './line-batches.js';
export {
  EventCursor,
  eventBatches,
  readHeader,
  type EventBatch,
  type ReadEvent,
  type ReadOptions,
} from './event-reader.js';
export {
  buildPackedIndexes,
  buildRecordingIndex,
  readEventsAt,
  readWindowAt,
  DEFAULT_INDEX_EVERY,
  type RecordingWindow,
  type RecordingIndex,
  type RecordingIndexEntry,
  type PackedIndex,
  type PageRequest,
} from './recording-index.js';
export {
  copyRecording,
  exportRecording,
  importRecording,
  type ExportFormat,
} from './export-import.js';
export {
  HOLDS_NO_RECORDING,
  recordingAddress,
  packedRecordingSpan,
  recordingSpan,
  recordingStarts,
  recordingsIn,
  resolveRecording,
  sourceAddress,
  splitAddress,
  type PackedRecordingSpan,
  type RecordingSource,
  type RecordingSpan,
  type RecordingStarts,
} from './recording-address.js';
